"""The names of IMS Common Cartridge 1.3 that export and import both speak,
and the small ElementTree helpers that write them."""

from __future__ import annotations

from xml.etree import ElementTree as ET

# --- the names of Common Cartridge 1.3 ------------------------------------------

NS_CP = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
NS_LOM_MANIFEST = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
NS_LOM_RESOURCE = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/resource"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS_QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
NS_LTI_CC = "http://www.imsglobal.org/xsd/imslticc_v1p3"
NS_BLTI = "http://www.imsglobal.org/xsd/imsbasiclti_v1p0"
NS_LTICM = "http://www.imsglobal.org/xsd/imslticm_v1p0"
NS_LTICP = "http://www.imsglobal.org/xsd/imslticp_v1p0"
NS_ASSIGNMENT = "http://www.imsglobal.org/xsd/imscc_extensions/assignment"
NS_DT = "http://www.imsglobal.org/xsd/imsccv1p3/imsdt_v1p3"

SCHEMA_LOCATIONS = {
    NS_CP: "http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd",
    NS_LOM_MANIFEST: "http://www.imsglobal.org/profile/cc/ccv1p3/LOM/"
    "ccv1p3_lommanifest_v1p0.xsd",
    NS_LOM_RESOURCE: "http://www.imsglobal.org/profile/cc/ccv1p3/LOM/"
    "ccv1p3_lomresource_v1p0.xsd",
    NS_QTI: "http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_qtiasiv1p2p1_v1p0.xsd",
    NS_LTI_CC: "http://www.imsglobal.org/xsd/imslticc_v1p3.xsd",
    NS_ASSIGNMENT: "http://www.imsglobal.org/profile/cc/cc_extensions/"
    "cc_extresource_assignmentv1p0_v1p0.xsd",
    NS_DT: "http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imsdt_v1p3.xsd",
}

TYPE_WEBCONTENT = "webcontent"
TYPE_QTI = "imsqti_xmlv1p2/imscc_xmlv1p3/assessment"
TYPE_LTI = "imsbasiclti_xmlv1p3"
# the assignment extension of CC 1.3 and its discussion topics
TYPE_ASSIGNMENT = "assignment_xmlv1p0"
TYPE_DISCUSSION = "imsdt_xmlv1p3"

PROFILE_SINGLE = "cc.multiple_choice.v0p1"
PROFILE_MULTIPLE = "cc.multiple_response.v0p1"
PROFILE_TRUE_FALSE = "cc.true_false.v0p1"
PROFILE_FIB = "cc.fib.v0p1"

MANIFEST = "imsmanifest.xml"
REPORT = "campus_export_report.txt"

# The licence of a course in words any reader understands, whatever the
# language of the export (the names of the Creative Commons licences).
LICENCE_TEXT = {
    "all_rights_reserved": "All rights reserved",
    "cc_by": "CC BY 4.0 https://creativecommons.org/licenses/by/4.0/",
    "cc_by_sa": "CC BY-SA 4.0 https://creativecommons.org/licenses/by-sa/4.0/",
    "cc_by_nc": "CC BY-NC 4.0 https://creativecommons.org/licenses/by-nc/4.0/",
    "cc_by_nc_sa": "CC BY-NC-SA 4.0 https://creativecommons.org/licenses/by-nc-sa/4.0/",
}

for _prefix, _uri in (
    ("lomimscc", NS_LOM_MANIFEST),
    ("lom", NS_LOM_RESOURCE),
    ("xsi", NS_XSI),
    ("blti", NS_BLTI),
    ("lticm", NS_LTICM),
    ("lticp", NS_LTICP),
):
    ET.register_namespace(_prefix, _uri)


# The namespace of each document's root is its default one (xmlns="…"), as CC
# readers expect; ElementTree cannot write unprefixed attributes beside a
# default namespace, so those elements are written with plain names under a
# root that declares it.
_DEFAULT_NAMESPACES = {NS_CP, NS_QTI, NS_LTI_CC, NS_ASSIGNMENT, NS_DT}


def _q(namespace: str, tag: str) -> str:
    if namespace in _DEFAULT_NAMESPACES:
        return tag
    return f"{{{namespace}}}{tag}"


def _root(namespace: str, tag: str, **attrs) -> ET.Element:
    return ET.Element(tag, {"xmlns": namespace, **attrs})


def _sub(parent, namespace: str, tag: str, text=None, **attrs):
    element = ET.SubElement(
        parent, _q(namespace, tag), {k: str(v) for k, v in attrs.items()}
    )
    if text is not None:
        element.text = str(text)
    return element


def _xml_bytes(root) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
