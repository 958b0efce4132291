"""IMS Common Cartridge 1.3: the export of a course and the import of a package.

- `export.cartridge_export`: a course as an `.imscc` package (full: lessons as
  web content with their files, quizzes as QTI, assignments and discussion
  topics as their CC resources (`activities`); thin: LTI 1.3 links into our tool), with
  `package` (files and HTML), `qti_export` and `manifest` beside it;
- `importer.cartridge_import`: a partner's CC 1.0–1.3 package into a draft
  course, refused whole when unsafe (`archive`), reading the manifest
  (`reader`), HTML (`html_import`) and QTI (`qti_import`).

`names` holds the Common Cartridge names both directions speak.
"""

from .archive import MAX_PACKAGE_BYTES
from .export import cartridge_export
from .importer import CartridgeImport, cartridge_import
from .names import (
    MANIFEST,
    NS_CP,
    NS_LOM_MANIFEST,
    NS_LOM_RESOURCE,
    NS_LTI_CC,
    NS_QTI,
    REPORT,
)
from .package import CartridgeExport

__all__ = [
    "MANIFEST",
    "MAX_PACKAGE_BYTES",
    "NS_CP",
    "NS_LOM_MANIFEST",
    "NS_LOM_RESOURCE",
    "NS_LTI_CC",
    "NS_QTI",
    "REPORT",
    "CartridgeExport",
    "CartridgeImport",
    "cartridge_export",
    "cartridge_import",
]
