"""core.ids.uuid7: RFC 9562 version 7, time-ordered, unique."""

import time
import uuid

from doorbraak.core.ids import uuid7


def test_version_variant_and_time():
    before = time.time_ns() // 1_000_000
    value = uuid7()
    after = time.time_ns() // 1_000_000
    assert isinstance(value, uuid.UUID)
    assert value.version == 7 and value.variant == uuid.RFC_4122
    assert before <= value.int >> 80 <= after


def test_later_ids_sort_after_earlier_ones_and_all_differ():
    first = [uuid7() for _ in range(1000)]
    time.sleep(0.002)
    second = [uuid7() for _ in range(1000)]
    assert max(first) < min(second)
    assert len(set(first + second)) == 2000
