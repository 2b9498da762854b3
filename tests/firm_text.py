"""The firm's own words that tests quote verbatim."""

ABUSE_CTA = (
    "If you have been a victim of child abuse and would like to speak to one of our specialist "
    "abuse lawyers in confidence, please do not hesitate to contact us. We can advise you on the "
    "available options for pursuing a civil damages claim. Jordans successfully represent and "
    "secure compensation for numerous victims of abuse and are experts in overcoming the "
    "particular challenges that arise in these sensitive cases. Our abuse team can be contacted "
    "free on 0800 9555 094 or you can request a call back.")
