"""Lancashire 2015/16: the agency register and the attendance table, as the tests write them."""

from safeguarding_model.agencies import Agency, AgencyKind

# Appendix 3, "LSCB Attendance 2015/16": every row as printed, with the agency where one is clear.
LANCASHIRE_ATTENDANCE = [
    ("Independent Chair", "100", "lscb-independent-chair"),
    ("LCC (DCS)", "100", "lancashire-county-council"),
    ("LCC (Lead Member)", "50", "lancashire-county-council"),
    ("LCC - CSC", "33", "lcc-childrens-social-care"),
    ("LCC – Safeguarding, Inspection & Audit", "50", "lcc-safeguarding-inspection-audit"),
    ("Chorley &South Ribble, West Lancashire and Preston CCG", "100", None),
    ("Fylde & Wyre and Lancashire North CCG", "83", None),
    ("East Lancashire CCG", "83", "east-lancashire-ccg"),
    ("Blackpool Teaching Hospital NHS Foundation Trust", "100", "blackpool-teaching-hospitals"),
    ("East Lancashire Hospital Trust", "100", "east-lancashire-hospitals"),
    ("Lancashire Care Foundation Trust", "100", "lancashire-care-ft"),
    ("Lancashire Teaching Hospital Trust NHS", "100", "lancashire-teaching-hospitals"),
    ("Lancashire Teaching Hospital Trust NHS", "50", "lancashire-teaching-hospitals"),
    ("Southport and Ormskirk Hospital Trust", "17", "southport-and-ormskirk-hospital"),
    ("University Hospital of Morecambe Bay", "67", "university-hospitals-morecambe-bay"),
    ("CDOP Chair", "67", None),
    ("NHS England", "33", "nhs-england"),
    ("Cumbria and Lancashire CRC", "83", "cumbria-lancashire-crc"),
    ("Probation", "67", "national-probation-service"),
    ("Lancashire Constabulary", "83", "lancashire-constabulary"),
    ("District Councils", "50", None),
    ("Cafcass", "100", "cafcass"),
    ("VCFS - Childrens Society", "83", "childrens-society"),
    ("VCFS – HARV", "33", None),
    ("Primary Schools", "67", None),
    ("Secondary Schools", "50", None),
    ("Colleges", "50", None),
    ("Governor Services", "100", None),
]


def lancashire_agencies() -> list[Agency]:
    def agency(agency_id: str, name: str, kind: AgencyKind, *, parent: str | None = None) -> Agency:
        return Agency(
            id=agency_id,
            name=name,
            kind=kind,
            statutory_partner=kind.statutory_by_default("board"),
            parent=parent,
            areas=("Lancashire",),
        )

    return [
        agency(
            "lancashire-county-council", "Lancashire County Council", AgencyKind.LOCAL_AUTHORITY
        ),
        agency(
            "lcc-childrens-social-care",
            "Children's Social Care",
            AgencyKind.LOCAL_AUTHORITY_SERVICE,
            parent="lancashire-county-council",
        ),
        agency(
            "lcc-safeguarding-inspection-audit",
            "Safeguarding, Inspection and Audit",
            AgencyKind.LOCAL_AUTHORITY_SERVICE,
            parent="lancashire-county-council",
        ),
        agency("lancashire-constabulary", "Lancashire Constabulary", AgencyKind.POLICE),
        agency(
            "east-lancashire-ccg", "East Lancashire CCG", AgencyKind.CLINICAL_COMMISSIONING_GROUP
        ),
        agency("nhs-england", "NHS England", AgencyKind.NHS_ENGLAND),
        agency(
            "lancashire-teaching-hospitals",
            "Lancashire Teaching Hospitals Foundation Trust",
            AgencyKind.NHS_TRUST,
        ),
        agency(
            "southport-and-ormskirk-hospital",
            "Southport and Ormskirk Hospital NHS Trust",
            AgencyKind.NHS_TRUST,
        ),
        agency(
            "cumbria-lancashire-crc",
            "Cumbria and Lancashire Community Rehabilitation Company",
            AgencyKind.COMMUNITY_REHABILITATION_COMPANY,
        ),
        agency("national-probation-service", "National Probation Service", AgencyKind.PROBATION),
        agency("cafcass", "Cafcass", AgencyKind.CAFCASS),
        agency("childrens-society", "The Children's Society", AgencyKind.VOLUNTARY_AND_FAITH),
        agency("lscb-independent-chair", "Independent Chair", AgencyKind.INDEPENDENT_CHAIR),
    ]
