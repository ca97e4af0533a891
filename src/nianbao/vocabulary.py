"""The closed vocabularies of agency and report files, in one place: the schema's enums, the
CLI's choices, the data package's field enums, the rules and the pages all read them here."""
from __future__ import annotations

# Agency level: the level of government the agency belongs to (agency.yaml `level`).
NATIONAL, PROVINCIAL, CITY, COUNTY, TOWNSHIP = "国家级", "省级", "市级", "县级", "乡级"
LEVELS = (NATIONAL, PROVINCIAL, CITY, COUNTY, TOWNSHIP)

# Agency kind (agency.yaml `kind`): a people's government reports for its whole government;
# a department (its office included) for its own work. The kind decides the deadline.
GOVERNMENT, DEPARTMENT, AUTHORISED, DISPATCHED = "人民政府", "政府部门", "法律法规授权组织", "派出机构"
KINDS = (GOVERNMENT, DEPARTMENT, AUTHORISED, DISPATCHED)

# Division level (nianbao.regions) -> the agency levels that may sit at such a division code
# (a township uses its county's code).
LEVELS_AT_DIVISION = {"national": (NATIONAL,), "province": (PROVINCIAL,), "city": (CITY,),
                      "county": (COUNTY, TOWNSHIP)}

# How a table was published (a report's tables.<code>.status).
TABLE_STATUS = {"table": "以表格发布（默认）", "image": "表格只以图片发布，数值未能录入", "missing": "原文缺少此表"}

# What the source was (a report's source.medium).
MEDIA = {"html": "网页", "pdf": "PDF", "docx": "Word 文档", "text": "复制的网页文字", "image": "图片", "other": "其他"}
