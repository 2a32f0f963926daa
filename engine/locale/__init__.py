"""The message catalogues, one folder per locale (``zh_CN``, ``en``), read by gettext."""
