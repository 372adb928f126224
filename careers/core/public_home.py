"""The page an anonymous visitor gets at `/` (core:home): core names no public site, an app registers one.

    PUBLIC_HOME.register("home", view)   # view(request) -> HttpResponse (the website app's portal home)

With nothing registered, `/` sends a visitor to the login page (as before the portal existed)."""

from .registry import Registry

PUBLIC_HOME: Registry = Registry("public home page")


def public_home_view():
    return PUBLIC_HOME.get("home")
