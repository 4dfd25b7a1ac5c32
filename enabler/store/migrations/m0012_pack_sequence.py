"""Packs carry a sequence number per publisher; each import records the one it applied, so an
older pack (a rollback) can be told apart from a newer one."""


def apply(db):
    db.execute("ALTER TABLE pack_imports ADD COLUMN sequence INTEGER")
    db.execute("CREATE INDEX pack_imports_fingerprint ON pack_imports(fingerprint, sequence)")
