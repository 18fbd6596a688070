"""Signing keys: a persistent key per algorithm, kept in the state directory, plus test-time rotation."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


@dataclass(frozen=True)
class SigningKey:
    alg: str
    kid: str
    private_key: PrivateKey

    def public_jwk(self) -> dict[str, Any]:
        algorithm = ECAlgorithm if self.alg == "ES256" else RSAAlgorithm
        jwk = algorithm.to_jwk(self.private_key.public_key(), as_dict=True)
        return {**jwk, "kid": self.kid, "alg": self.alg, "use": "sig"}

    def sign(self, payload: dict[str, Any], *, typ: str | None = None) -> str:
        headers = {"kid": self.kid}
        if typ:
            headers["typ"] = typ
        return jwt.encode(payload, self.private_key, algorithm=self.alg, headers=headers)


def generate_private_key(alg: str) -> PrivateKey:
    if alg == "ES256":
        return ec.generate_private_key(ec.SECP256R1())
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def thumbprint(private_key: PrivateKey) -> str:
    """RFC 7638 JWK thumbprint, a kid that stays the same as long as the key does."""
    public = private_key.public_key()
    if isinstance(public, ec.EllipticCurvePublicKey):
        jwk = ECAlgorithm.to_jwk(public, as_dict=True)
        members = {name: jwk[name] for name in ("crv", "kty", "x", "y")}
    else:
        jwk = RSAAlgorithm.to_jwk(public, as_dict=True)
        members = {name: jwk[name] for name in ("e", "kty", "n")}
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(hashlib.sha256(canonical).digest()).rstrip(b"=").decode()


def make_signing_key(alg: str, private_key: PrivateKey | None = None) -> SigningKey:
    private_key = private_key or generate_private_key(alg)
    return SigningKey(alg=alg, kid=thumbprint(private_key), private_key=private_key)


def load_or_create_private_key(state_dir: Path, alg: str) -> PrivateKey:
    """Read the key of ``alg`` from ``state_dir``, creating it once; safe when several processes race."""
    state_dir.mkdir(parents=True, exist_ok=True)
    path = state_dir / f"franceconnect-{alg.lower()}.pem"
    if not path.exists():
        pem = generate_private_key(alg).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        temporary.write_bytes(pem)
        temporary.chmod(0o600)
        try:
            # link() refuses to overwrite: the first writer wins, the others read its key.
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    private_key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(private_key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise ValueError(f"{path} does not hold an EC or RSA private key")
    return private_key


class KeyRing:
    """The published keys; the newest one signs. Rotation adds keys in memory only."""

    def __init__(self, state_dir: Path, alg: str) -> None:
        self.alg = alg
        self._persistent = make_signing_key(alg, load_or_create_private_key(state_dir, alg))
        # Never published: what a forged or foreign signature looks like to the portal.
        self.foreign = make_signing_key(alg)
        self._lock = threading.Lock()
        self._keys = [self._persistent]

    @property
    def current(self) -> SigningKey:
        with self._lock:
            return self._keys[-1]

    def published(self) -> list[SigningKey]:
        with self._lock:
            return list(self._keys)

    def jwks(self) -> dict[str, list[dict[str, Any]]]:
        return {"keys": [key.public_jwk() for key in self.published()]}

    def rotate(self) -> SigningKey:
        key = make_signing_key(self.alg)
        with self._lock:
            self._keys.append(key)
        return key

    def reset(self) -> None:
        with self._lock:
            self._keys = [self._persistent]

    def find(self, kid: str) -> SigningKey | None:
        return next((key for key in self.published() if key.kid == kid), None)
