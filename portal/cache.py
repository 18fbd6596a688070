"""Redis connection pooling for Django's cache."""

import threading

import redis


class SharedConnectionPool(redis.ConnectionPool):
    """One pool per URL and options for the whole process.

    Django builds a cache client per thread (each request thread of a server, each thread of a
    pool), and each would open its own connections, left open when the thread ends. redis-py
    pools are thread-safe and reset themselves in a forked child, so one is enough.
    """

    _pools: dict[tuple, redis.ConnectionPool] = {}
    _lock = threading.Lock()

    @classmethod
    def from_url(cls, url: str, **kwargs) -> redis.ConnectionPool:
        key = (url, tuple(sorted((name, repr(value)) for name, value in kwargs.items())))
        with cls._lock:
            if key not in cls._pools:
                cls._pools[key] = redis.ConnectionPool.from_url(url, **kwargs)
            return cls._pools[key]
