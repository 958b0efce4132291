from django import template

from ..devices import device_describe, ip_mask

register = template.Library()

register.filter("device", device_describe)
register.filter("mask_ip", ip_mask)
