"""Enumerate the registered back-office URLs, for the generated tests (the enumeration lives in
careers/core/routes.py, shared with the generic list benchmark)."""

from careers.core.routes import ROUTE_MODELS, Route, iter_routes, model_of, model_routes

__all__ = ["ROUTE_MODELS", "Route", "iter_routes", "model_of", "model_routes"]
