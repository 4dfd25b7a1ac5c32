"""A hand-written SmartArt diagram for designed-slide tests (python-pptx cannot make one)."""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import nsdecls

from tests.render.designed_decks import layouts

_DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
_DSP = "http://schemas.microsoft.com/office/drawing/2008/diagram"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_SMARTART_TEXT = (
    '<a:r><a:rPr lang="en-US"/><a:t>Plan for {{ prospect.</a:t></a:r>'
    '<a:r><a:rPr lang="en-US" b="1"/><a:t>company }}</a:t></a:r>'
)


def _diagram_parts(drawing_rid: str) -> dict[str, tuple[str, str, str]]:
    """name: (content type, relationship type, XML) of a minimal hand-written SmartArt."""
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    ns = f'xmlns:dgm="{_DGM}" xmlns:a="{_A}"'
    data = (
        f"{head}<dgm:dataModel {ns}><dgm:ptLst>"
        '<dgm:pt modelId="{00000000-0000-0000-0000-000000000001}" type="doc"><dgm:prSet/>'
        '<dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p>'
        "</dgm:t></dgm:pt>"
        '<dgm:pt modelId="{00000000-0000-0000-0000-000000000002}"><dgm:prSet/><dgm:spPr/>'
        f"<dgm:t><a:bodyPr/><a:lstStyle/><a:p>{_SMARTART_TEXT}</a:p></dgm:t></dgm:pt>"
        '</dgm:ptLst><dgm:cxnLst><dgm:cxn modelId="{00000000-0000-0000-0000-000000000003}" '
        'srcId="{00000000-0000-0000-0000-000000000001}" '
        'destId="{00000000-0000-0000-0000-000000000002}" srcOrd="0" destOrd="0"/></dgm:cxnLst>'
        '<dgm:bg/><dgm:whole/><dgm:extLst><a:ext uri="http://schemas.microsoft.com/office/'
        f'drawing/2008/diagram"><dsp:dataModelExt xmlns:dsp="{_DSP}" relId="{drawing_rid}" '
        f'minVer="{_DGM}"/></a:ext></dgm:extLst></dgm:dataModel>'
    )
    titled = '<dgm:title val=""/><dgm:desc val=""/>'
    drawing = (
        f'{head}<dsp:drawing xmlns:dsp="{_DSP}" {ns}><dsp:spTree><dsp:nvGrpSpPr>'
        '<dsp:cNvPr id="0" name=""/><dsp:cNvGrpSpPr/></dsp:nvGrpSpPr><dsp:grpSpPr/>'
        '<dsp:sp modelId="{00000000-0000-0000-0000-000000000004}"><dsp:nvSpPr>'
        '<dsp:cNvPr id="0" name=""/><dsp:cNvSpPr/></dsp:nvSpPr><dsp:spPr><a:xfrm>'
        '<a:off x="0" y="0"/><a:ext cx="6096000" cy="1828800"/></a:xfrm><a:prstGeom prst="rect">'
        '<a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="1B9AAA"/></a:solidFill></dsp:spPr>'
        f"<dsp:txBody><a:bodyPr/><a:lstStyle/><a:p>{_SMARTART_TEXT}</a:p></dsp:txBody>"
        "</dsp:sp></dsp:spTree></dsp:drawing>"
    )
    dml = "application/vnd.openxmlformats-officedocument.drawingml."
    return {
        "data": (dml + "diagramData+xml", _OFFICE_REL + "diagramData", data),
        "layout": (
            dml + "diagramLayout+xml",
            _OFFICE_REL + "diagramLayout",
            f'{head}<dgm:layoutDef {ns} uniqueId="urn:microsoft.com/office/officeart/2005/8/'
            f'layout/default">{titled}<dgm:layoutNode name="diagram"/></dgm:layoutDef>',
        ),
        "quickStyle": (
            dml + "diagramStyle+xml",
            _OFFICE_REL + "diagramQuickStyle",
            f'{head}<dgm:styleDef {ns} uniqueId="urn:microsoft.com/office/officeart/2005/8/'
            f'quickstyle/simple1">{titled}</dgm:styleDef>',
        ),
        "colors": (
            dml + "diagramColors+xml",
            _OFFICE_REL + "diagramColors",
            f'{head}<dgm:colorsDef {ns} uniqueId="urn:microsoft.com/office/officeart/2005/8/'
            f'colors/accent1_2">{titled}</dgm:colorsDef>',
        ),
        "drawing": (
            "application/vnd.ms-office.drawingml.diagramDrawing+xml",
            "http://schemas.microsoft.com/office/2007/relationships/diagramDrawing",
            drawing,
        ),
    }


def add_smartart_slide(prs):
    """A slide with a hand-written SmartArt diagram whose text holds a split tag."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    slide = prs.slides.add_slide(layouts(prs)["Title Only"])
    slide.shapes.title.text = "Our plan"
    n = len(prs.slides)
    rids: dict[str, str] = {}

    def relate(name: str, parts) -> None:
        content_type, reltype, xml = parts[name]
        partname = PackURI(f"/ppt/diagrams/{name}{n}.xml")
        part = Part(partname, content_type, prs.part.package, xml.encode())
        rids[name] = slide.part.relate_to(part, reltype)

    relate("drawing", _diagram_parts(""))  # the data part names the drawing's rId
    parts = _diagram_parts(rids["drawing"])
    for name in ("data", "layout", "quickStyle", "colors"):
        relate(name, parts)
    frame = etree.fromstring(
        f"<p:graphicFrame {nsdecls('p', 'a', 'r')}><p:nvGraphicFramePr>"
        '<p:cNvPr id="50" name="Diagram 1"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>'
        '<p:xfrm><a:off x="914400" y="1828800"/><a:ext cx="6096000" cy="1828800"/></p:xfrm>'
        f'<a:graphic><a:graphicData uri="{_DGM}"><dgm:relIds xmlns:dgm="{_DGM}" '
        f'r:dm="{rids["data"]}" r:lo="{rids["layout"]}" r:qs="{rids["quickStyle"]}" '
        f'r:cs="{rids["colors"]}"/></a:graphicData></a:graphic></p:graphicFrame>'
    )
    slide.shapes._spTree.append(frame)
    return slide
