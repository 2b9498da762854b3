"""Images: responsive variants, metadata stripping, a disk cache and share cards.

Pure modules (no Pelican imports); plugins/newsdesk/adapter/images.py is the Pelican side.
  sizes     which widths to make and the srcset/sizes strings
  process   open a source (orientation and colour profile applied), resize, encode clean
  cache     source facts and encoded files, keyed by content hash and settings
  plan      a source image -> the Picture the theme shows and the files to write
  html      rewrite <img> in article and page HTML into <picture>
  sharecard the 1200x630 PNG card for articles without a featured image
"""
