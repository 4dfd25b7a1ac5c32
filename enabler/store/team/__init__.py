"""What the team channel and signed packs keep: releases, reporters, keys."""
