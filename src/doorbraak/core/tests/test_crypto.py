"""core.crypto: AES-256-GCM tokens, Fernet tokens written before still readable, tampering
refused, keyed hashes stable."""

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.fernet import InvalidToken

from doorbraak.core import crypto


def test_round_trip_with_a_fresh_nonce_each_time():
    first, second = crypto.encrypt("999993653"), crypto.encrypt("999993653")
    assert first.startswith("g1:") and first != second
    assert "999993653" not in first
    assert crypto.decrypt(first) == crypto.decrypt(second) == "999993653"
    assert crypto.decrypt(crypto.encrypt("één € 😀")) == "één € 😀"


def test_fernet_tokens_written_before_are_still_read(settings):
    token = crypto._fernet(settings.FIELD_ENCRYPTION_KEY).encrypt(b"123456782").decode()
    assert token.startswith("gAAAA")
    assert crypto.decrypt(token) == "123456782"


def test_a_changed_token_is_refused():
    token = crypto.encrypt("999993653")
    raw = bytearray(crypto.base64.urlsafe_b64decode(token[3:]))
    raw[-1] ^= 1
    with pytest.raises(InvalidTag):
        crypto.decrypt("g1:" + crypto.base64.urlsafe_b64encode(bytes(raw)).decode())
    with pytest.raises(InvalidToken):
        crypto.decrypt("gAAAAbestaatniet")


def test_another_key_cannot_read_it(settings):
    token = crypto.encrypt("999993653")
    settings.FIELD_ENCRYPTION_KEY = "q0cBvz9tK2yUq0cBvz9tK2yUq0cBvz9tK2yUq0cBvz8="
    with pytest.raises(InvalidTag):
        crypto.decrypt(token)


def test_keyed_hash_is_stable_per_kind():
    assert crypto.keyed_hash("bsn", "999993653") == crypto.keyed_hash("bsn", "999993653")
    assert crypto.keyed_hash("bsn", "999993653") != crypto.keyed_hash("adres", "999993653")
    assert len(crypto.keyed_hash("bsn", "999993653")) == 64


def test_a_changed_key_setting_is_used_at_once(settings):
    """The keys are read from the settings once, and again when a setting changes."""
    before = crypto.keyed_hash("bsn", "111222333")
    token = crypto.encrypt("111222333")
    assert crypto.decrypt(token) == "111222333"
    settings.PSEUDONYM_KEY = "another pseudonym key"
    assert crypto.keyed_hash("bsn", "111222333") != before
    settings.FIELD_ENCRYPTION_KEY = "q0cBvz9tK2yUq0cBvz9tK2yUq0cBvz9tK2yUq0cBvz8="
    with pytest.raises(InvalidTag):
        crypto.decrypt(token)
