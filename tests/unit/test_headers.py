"""Security headers (newsdesk.headers): one CSP, rendered for <meta>, _headers and nginx."""

from __future__ import annotations

import pytest

from newsdesk import headers

BASE = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
        "img-src 'self' data:; connect-src 'self'; base-uri 'self'; form-action 'self'")


def directives(csp: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in csp.split(";"))


@pytest.mark.parametrize("action, form_action", [
    ("", "'self'"),
    ("/thanks/", "'self'"),
    ("https://forms.example.org/f/abc?x=1", "'self' https://forms.example.org"),
    ("https://forms.example.org:8443/submit", "'self' https://forms.example.org:8443"),
])
def test_form_action_allows_only_the_callback_origin(action, form_action):
    assert directives(headers.content_security_policy(action))["form-action"] == form_action


def test_meta_policy_is_exactly_the_documented_one():
    assert headers.content_security_policy("") == BASE


@pytest.mark.parametrize("frame_ancestors, present", [(False, False), (True, True)])
def test_frame_ancestors_only_for_http_headers(frame_ancestors, present):
    csp = headers.content_security_policy("", frame_ancestors=frame_ancestors)
    assert ("frame-ancestors" in directives(csp)) is present
    if present:
        assert csp == BASE + "; frame-ancestors 'none'"


@pytest.mark.parametrize("name, value", [
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
    ("Content-Security-Policy", "default-src 'self'"),
])
def test_security_headers_carry_each_value(name, value):
    assert dict(headers.security_headers("default-src 'self'"))[name] == value


def test_permissions_policy_turns_features_off():
    policy = dict(headers.security_headers("x"))["Permissions-Policy"]
    features = [item.strip() for item in policy.split(",")]
    assert {"camera=()", "microphone=()", "geolocation=()"} <= set(features)
    assert all(f.endswith("=()") for f in features)


def test_netlify_headers_format():
    text = headers.netlify_headers([("A", "1"), ("B-C", "x; y")])
    assert text == "/*\n  A: 1\n  B-C: x; y\n"


def test_nginx_snippet_quotes_values_and_sets_the_404_page():
    lines = headers.nginx_snippet([("Content-Security-Policy", "default-src 'self'"),
                                   ("X-Odd", 'say "hi"')]).splitlines()
    assert 'add_header Content-Security-Policy "default-src \'self\'" always;' in lines
    assert 'add_header X-Odd "say \\"hi\\"" always;' in lines
    assert lines[-1] == "error_page 404 /404.html;"
