"""Labels beside checkboxes read as statements, without a colon."""

from django import forms
from django.utils import translation


class _Form(forms.Form):
    name = forms.CharField(label="Name")
    remember = forms.BooleanField(label="Remember me", required=False)


def test_a_checkbox_label_has_no_colon_and_other_labels_keep_theirs():
    with translation.override("en"):
        html = _Form().as_div()
    assert ">Remember me</label>" in html
    assert ">Name:</label>" in html


def test_the_login_form_remember_me_has_no_colon(client, db):
    html = client.get("/en/accounts/login/").content.decode()
    assert "Remember Me:" not in html and "Remember me:" not in html
