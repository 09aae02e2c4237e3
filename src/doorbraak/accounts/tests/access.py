from doorbraak.core.tests.access_harness import ALL_ROLES, LOGIN_STEP, PUBLIC, UrlAccess

URLS = {
    "accounts:login": UrlAccess(roles=PUBLIC),
    "accounts:verify": UrlAccess(roles=LOGIN_STEP),
    "accounts:enrol": UrlAccess(roles=LOGIN_STEP),
    "accounts:choose-role": UrlAccess(roles=LOGIN_STEP),
    "accounts:logout": UrlAccess(roles=LOGIN_STEP, methods=("POST",)),
    "accounts:account": UrlAccess(roles=ALL_ROLES),
    "accounts:backup-codes": UrlAccess(roles=ALL_ROLES),
    "accounts:logout-everywhere": UrlAccess(roles=ALL_ROLES, methods=("POST",), ends_session=True),
    "accounts:keep-alive": UrlAccess(roles=ALL_ROLES, methods=("POST",)),
}
