"""A tiny registry of exporter plugins, keyed by name."""

_REGISTRY: dict[str, type] = {}


def register(cls):
    """Class decorator: record ``cls`` under its ``name`` attribute."""
    key = getattr(cls, "name", cls.__name__.lower())
    existing = _REGISTRY.get(key)
    if existing is not None and existing is not cls:
        raise ValueError(f"plugin name {key!r} already used by {existing.__name__}")
    _REGISTRY[key] = cls
    return cls


def get(name: str):
    """Return the plugin class registered as ``name``."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise LookupError(f"no plugin named {name!r}; known: {', '.join(available())}") from None


def available() -> list[str]:
    """Names of all registered plugins, sorted."""
    return sorted(_REGISTRY)


def create(name: str, **options):
    """Instantiate the plugin registered as ``name``."""
    return get(name)(**options)
