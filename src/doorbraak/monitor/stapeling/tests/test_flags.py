from doorbraak.monitor.stapeling.flags import FLAG_CODES, FLAGS, GROUPS


def test_twelve_flags_in_the_five_cbs_groups():
    assert len(FLAGS) == 12
    assert [g.label for g in GROUPS] == [
        "Arbeidsparticipatie",
        "Inkomensondersteuning",
        "Welzijn en zorg",
        "Onderwijs",
        "Jeugd",
    ]
    assert sorted(code for g in GROUPS for code in g.flags) == sorted(FLAG_CODES)
    assert all(g.flags for g in GROUPS)
    assert all(flag.label and flag.description for flag in FLAGS)
