"""Bring images into the library safely: check, downscale, store once."""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Sequence

import sqlite_utils
from PIL import Image, UnidentifiedImageError

from enabler.errors import InvalidInput
from enabler.store import assets
from enabler.store.connection.db import transaction
from enabler.store.team import packs

MAX_SIDE = 4096
MAX_PIXELS = 40_000_000
ALLOWED = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}


_BOMB_SIZE = re.compile(r"\((\d+) pixels\)")


def bomb_pixels(exc: Exception, fallback: int) -> int:
    """The real pixel count Pillow names in a decompression-bomb error (it refuses to open
    the picture, so its size is known only from the message); `fallback` if it says none."""
    match = _BOMB_SIZE.search(str(exc))
    return int(match.group(1)) if match else fallback


def megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:,.0f} megapixels"


def normalise_image(blob: bytes, name: str = "image") -> tuple[bytes, str]:
    """Return (bytes, mime) of a safe image; refuse bombs and non-images; shrink huge ones."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(blob)) as im:
                fmt = im.format
                if fmt not in ALLOWED:
                    raise InvalidInput(
                        f"{name}: {fmt or 'unknown'} images are not supported; "
                        "use PNG, JPEG or GIF."
                    )
                if im.width * im.height > MAX_PIXELS:
                    raise InvalidInput(
                        f"{name}: the image is too large ({im.width}×{im.height} pixels, "
                        f"{megapixels(im.width * im.height)}; limit {megapixels(MAX_PIXELS)})."
                    )
                if max(im.size) <= MAX_SIDE:
                    im.verify()
                    return blob, ALLOWED[fmt]
                im.thumbnail((MAX_SIDE, MAX_SIDE))
                out = io.BytesIO()
                im.save(out, format="PNG" if fmt != "JPEG" else "JPEG")
                return out.getvalue(), ALLOWED[fmt if fmt == "JPEG" else "PNG"]
    except UnidentifiedImageError:  # its message names a BytesIO object, useless to a user
        raise InvalidInput(
            f"{name}: not an image Enabler can read; use a PNG, JPEG or GIF file."
        ) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        pixels = bomb_pixels(exc, MAX_PIXELS + 1)
        raise InvalidInput(
            f"{name}: the image is too large ({megapixels(pixels)}; limit "
            f"{megapixels(MAX_PIXELS)})."
        ) from None
    except (
        OSError,
        SyntaxError,
    ) as exc:
        raise InvalidInput(f"{name}: not a readable image ({exc}).") from None


def add_image(db: sqlite_utils.Database, blob: bytes, name: str = "image") -> str:
    """Store an image after checking it; returns its sha256."""
    data, mime = normalise_image(blob, name)
    return assets.put(db, data, mime, name)


def add_images(db: sqlite_utils.Database, files: Sequence[tuple[str, bytes]]) -> list[str]:
    """Store (name, blob) images in one transaction: one bad file stores none of them."""
    with transaction(db):
        return [add_image(db, blob, name) for name, blob in files]


def stored_image(db: sqlite_utils.Database, sha: str) -> tuple[bytes, str]:
    """A stored image and the file name it came with ("" when unknown); NotFound if absent."""
    blob = assets.get(db, sha)
    return blob, packs.asset_meta(db, sha).get("filename", "")
