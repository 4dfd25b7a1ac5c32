"""Rules read from a template's parse tree before it runs: no loop inside a loop, also when the
inner loop hides in a macro (or a macro that calls one, or itself), or in a `{% call %}` block
handed to a looping macro."""

from __future__ import annotations

from jinja2 import nodes
from jinja2.exceptions import SecurityError


def _calls(node: nodes.Node) -> set[str]:
    """Names of macros `node` calls directly (`{{ f() }}`, `{% call f() %}`)."""
    return {
        call.node.name for call in node.find_all(nodes.Call) if isinstance(call.node, nodes.Name)
    }


def looping_macros(tree: nodes.Template) -> set[str]:
    """Macros that run a loop, themselves or through macros they call."""
    macros = {m.name: m for m in tree.find_all(nodes.Macro)}
    looping = {name for name, m in macros.items() if next(m.find_all(nodes.For), None)}
    changed = True
    while changed:
        grown = {name for name, m in macros.items() if _calls(m) & looping}
        changed = not grown <= looping
        looping |= grown
    return looping


def _loops(node: nodes.Node, looping: set[str]) -> bool:
    if isinstance(node, nodes.For) or next(node.find_all(nodes.For), None) is not None:
        return True
    direct = (
        isinstance(node, nodes.Call)
        and isinstance(node.node, nodes.Name)
        and node.node.name in looping
    )
    return bool(_calls(node) & looping) or direct


def check_nesting(tree: nodes.Template) -> None:
    """Raise SecurityError for a loop nested in a loop, directly or through macros."""
    looping = looping_macros(tree)
    message = "nested loops (also through macros) are not allowed in slide text"
    for loop in tree.find_all(nodes.For):
        if any(_loops(child, looping) for child in (*loop.body, *loop.else_)):
            raise SecurityError(message)
    for block in tree.find_all(nodes.CallBlock):
        callee = block.call.node
        calls_looping = isinstance(callee, nodes.Name) and callee.name in looping
        if calls_looping and any(_loops(child, looping) for child in block.body):
            raise SecurityError(message)
