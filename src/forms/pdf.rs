//! A5 PDF of a form, with the glyphs it uses embedded (PRODUCT.md "Printing at the
//! counter"): office printers do not read UTF-8, but many print a PDF sent raw, and CUPS
//! prints it everywhere.
//!
//! The font is DejaVu Serif Condensed (every Vietnamese letter; Bitstream Vera licence,
//! which allows embedding), subset to the glyphs used and written as a CID font, so each
//! form stays a few tens of kilobytes. The file is 7-bit ASCII throughout (the font
//! stream is ASCII85): the terminal pass-through (ESC [5i … ESC [4i) can never meet a
//! byte that ends it early or that a terminal reads as a control.
//!
//! Layout follows the 80-cell text: a run of text after two or more spaces starts at its
//! column, centred lines are centred on the measured width, and a run wider than its room
//! is condensed (Tz) rather than allowed to overlap the next one.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use subsetter::GlyphRemapper;
use ttf_parser::Face;

use super::layout::WIDTH;
use super::template::{Line, Segment};
use crate::domain::text::nfc;

const PAGE_W: f64 = 419.53; // A5 portrait, 148 mm
const PAGE_H: f64 = 595.28; // 210 mm
const MARGIN_X: f64 = 34.0; // 12 mm
const MARGIN_TOP: f64 = 40.0;
const MARGIN_BOTTOM: f64 = 34.0;
const SIZE: f64 = 9.0;
const LEADING: f64 = 11.5;

/// One font of the document and the glyphs the form used from it.
struct FontUse {
    face: Face<'static>,
    data: &'static [u8],
    name: &'static str,
    remapper: GlyphRemapper,
    /// New glyph id → the character it shows (for the ToUnicode map: copy and search).
    chars: BTreeMap<u16, char>,
}

impl FontUse {
    fn new(data: &'static [u8], name: &'static str) -> FontUse {
        let face = Face::parse(data, 0).expect("the embedded DejaVu font parses");
        FontUse { face, data, name, remapper: GlyphRemapper::new(), chars: BTreeMap::new() }
    }

    fn units(&self, gid: ttf_parser::GlyphId) -> f64 {
        f64::from(self.face.glyph_hor_advance(gid).unwrap_or(0)) * 1000.0 / f64::from(self.face.units_per_em())
    }

    /// The new glyph ids of `text` and its width in points at SIZE.
    fn encode(&mut self, text: &str) -> (Vec<u16>, f64) {
        let mut gids = Vec::new();
        let mut width = 0.0;
        for c in nfc(text).chars() {
            let gid = self.face.glyph_index(c).or_else(|| self.face.glyph_index('?')).unwrap_or_default();
            let new = self.remapper.remap(gid.0);
            self.chars.entry(new).or_insert(c);
            width += self.units(gid) * SIZE / 1000.0;
            gids.push(new);
        }
        (gids, width)
    }
}

/// A piece of text placed on a page.
struct Run {
    bold: bool,
    x: f64,
    gids: Vec<u16>,
    /// Horizontal scale in percent, below 100 when the run had to be condensed.
    scale: f64,
}

pub fn write(lines: &[Line], title: &str) -> Vec<u8> {
    let mut fonts = [
        FontUse::new(include_bytes!("../../assets/fonts/DejaVuSerifCondensed.ttf"), "DejaVuSerifCondensed"),
        FontUse::new(include_bytes!("../../assets/fonts/DejaVuSerifCondensed-Bold.ttf"), "DejaVuSerifCondensed-Bold"),
    ];
    let per_page = ((PAGE_H - MARGIN_TOP - MARGIN_BOTTOM) / LEADING) as usize;
    let pages: Vec<Vec<Vec<Run>>> =
        lines.chunks(per_page.max(1)).map(|chunk| chunk.iter().map(|line| place(line, &mut fonts)).collect()).collect();

    let mut doc = Doc::default();
    let catalog = doc.reserve();
    let pages_id = doc.reserve();
    let font_ids: Vec<usize> = fonts.iter().map(|f| embed(&mut doc, f)).collect();
    let mut kids = Vec::new();
    for runs in &pages {
        let content = doc.stream("", content(runs).as_bytes());
        let page = doc.object(format!(
            "<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] \
             /Resources << /Font << /F0 {} 0 R /F1 {} 0 R >> >> /Contents {content} 0 R >>",
            font_ids[0], font_ids[1]
        ));
        kids.push(format!("{page} 0 R"));
    }
    doc.set(pages_id, format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), kids.len()));
    doc.set(catalog, format!("<< /Type /Catalog /Pages {pages_id} 0 R >>"));
    let info = doc.object(format!("<< /Title {} /Producer (motcua) >>", utf16_hex(title)));
    doc.finish(catalog, info)
}

fn place(line: &Line, fonts: &mut [FontUse; 2]) -> Vec<Run> {
    let usable = PAGE_W - 2.0 * MARGIN_X;
    let cell = usable / WIDTH as f64;
    let mut runs = Vec::new();
    let mut centred = |seg: &Segment, left: f64, room: f64, runs: &mut Vec<Run>| {
        if seg.text.trim().is_empty() {
            return;
        }
        let (gids, w) = fonts[usize::from(seg.bold)].encode(seg.text.trim());
        let scale = if w > room { 100.0 * room / w } else { 100.0 };
        runs.push(Run { bold: seg.bold, x: left + ((room - w).max(0.0)) / 2.0, gids, scale });
    };
    match line {
        Line::Full(seg) if seg.centre => centred(seg, MARGIN_X, usable, &mut runs),
        Line::Split(l, r) => {
            centred(l, MARGIN_X, usable / 2.0, &mut runs);
            centred(r, MARGIN_X + usable / 2.0, usable / 2.0, &mut runs);
        }
        Line::Full(seg) => {
            let columns = columns(&seg.text);
            for (n, (col, text)) in columns.iter().enumerate() {
                let x = MARGIN_X + *col as f64 * cell;
                let end =
                    columns.get(n + 1).map_or(PAGE_W - MARGIN_X, |(next, _)| MARGIN_X + (*next as f64 - 1.0) * cell);
                let (gids, w) = fonts[usize::from(seg.bold)].encode(text);
                let room = end - x;
                let scale = if w > room { 100.0 * room / w } else { 100.0 };
                runs.push(Run { bold: seg.bold, x, gids, scale });
            }
        }
    }
    runs
}

/// Runs of a text line with the cell they start at: a run ends at two or more spaces.
fn columns(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut spaces = 0;
    let mut cells = 0;
    for c in text.chars() {
        if c == ' ' {
            spaces += 1;
        } else {
            match out.last_mut() {
                Some((_, run)) if spaces < 2 => {
                    run.extend(std::iter::repeat_n(' ', spaces));
                    run.push(c);
                }
                _ => out.push((cells, c.to_string())),
            }
            spaces = 0;
        }
        cells += crate::domain::text::width(c.encode_utf8(&mut [0; 4]));
    }
    out
}

fn content(lines: &[Vec<Run>]) -> String {
    let mut s = String::new();
    for (n, runs) in lines.iter().enumerate() {
        let y = PAGE_H - MARGIN_TOP - n as f64 * LEADING;
        for run in runs {
            let hex: String = run.gids.iter().map(|g| format!("{g:04X}")).collect();
            let _ = writeln!(
                s,
                "BT /F{} {SIZE} Tf {:.1} Tz {:.2} {:.2} Td <{hex}> Tj ET",
                u8::from(run.bold),
                run.scale,
                run.x,
                y
            );
        }
    }
    s
}

/// Writes the Type0 font with its CID font, descriptor, subset program and ToUnicode map.
fn embed(doc: &mut Doc, f: &FontUse) -> usize {
    let per_em = f64::from(f.face.units_per_em());
    let scale = |v: i16| (f64::from(v) * 1000.0 / per_em).round() as i64;
    // Subset names carry a tag of six capitals that changes with the glyph set (PDF 32000 9.6.4).
    let tag: String = {
        let mut h: u32 = 2166136261;
        for g in f.remapper.remapped_gids() {
            h = (h ^ u32::from(g)).wrapping_mul(16777619);
        }
        (0..6).map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8)).collect()
    };
    let base = format!("{tag}+{}", f.name);
    let program = subsetter::subset(f.data, 0, &f.remapper).unwrap_or_else(|_| f.data.to_vec());
    let file = doc.stream(
        &format!("/Filter [/ASCII85Decode /FlateDecode] /Length1 {}", program.len()),
        &ascii85(&deflate(&program)),
    );
    let b = f.face.global_bounding_box();
    let descriptor = doc.object(format!(
        "<< /Type /FontDescriptor /FontName /{base} /Flags 34 /FontBBox [{} {} {} {}] /ItalicAngle 0 \
         /Ascent {} /Descent {} /CapHeight {} /StemV 80 /FontFile2 {file} 0 R >>",
        scale(b.x_min),
        scale(b.y_min),
        scale(b.x_max),
        scale(b.y_max),
        scale(f.face.ascender()),
        scale(f.face.descender()),
        scale(f.face.capital_height().unwrap_or(f.face.ascender())),
    ));
    let widths: Vec<String> =
        f.remapper.remapped_gids().map(|old| format!("{}", f.units(ttf_parser::GlyphId(old)).round() as i64)).collect();
    let cid = doc.object(format!(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{base} \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
         /FontDescriptor {descriptor} 0 R /CIDToGIDMap /Identity /W [0 [{}]] >>",
        widths.join(" ")
    ));
    let unicode = doc.stream("", to_unicode(&f.chars).as_bytes());
    doc.object(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /{base} /Encoding /Identity-H \
         /DescendantFonts [{cid} 0 R] /ToUnicode {unicode} 0 R >>"
    ))
}

fn to_unicode(chars: &BTreeMap<u16, char>) -> String {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<_> = chars.iter().collect();
    for chunk in entries.chunks(100) {
        let _ = writeln!(s, "{} beginbfchar", chunk.len());
        for (gid, c) in chunk {
            let units: String = c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("{u:04X}")).collect();
            let _ = writeln!(s, "<{gid:04X}> <{units}>");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

fn utf16_hex(s: &str) -> String {
    let units: String = s.encode_utf16().map(|u| format!("{u:04X}")).collect();
    format!("<FEFF{units}>")
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = z.write_all(data);
    z.finish().unwrap_or_default()
}

/// ASCII85 (PDF 32000 7.4.3), with a line break every 80 characters.
fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 5 / 4 + data.len() / 64 + 4);
    let mut line = 0;
    let mut push = |out: &mut Vec<u8>, bytes: &[u8]| {
        for &b in bytes {
            out.push(b);
            line += 1;
            if line == 80 {
                out.push(b'\n');
                line = 0;
            }
        }
    };
    for chunk in data.chunks(4) {
        let mut group = [0u8; 4];
        group[..chunk.len()].copy_from_slice(chunk);
        let mut v = u32::from_be_bytes(group);
        if chunk.len() == 4 && v == 0 {
            push(&mut out, b"z");
            continue;
        }
        let mut digits = [0u8; 5];
        for d in digits.iter_mut().rev() {
            *d = b'!' + (v % 85) as u8;
            v /= 85;
        }
        push(&mut out, &digits[..chunk.len() + 1]);
    }
    out.extend_from_slice(b"~>");
    out
}

/// The objects of a PDF file and where each one starts.
#[derive(Default)]
struct Doc {
    objects: Vec<Option<Vec<u8>>>,
}

impl Doc {
    fn reserve(&mut self) -> usize {
        self.objects.push(None);
        self.objects.len()
    }

    fn set(&mut self, id: usize, body: String) {
        self.objects[id - 1] = Some(body.into_bytes());
    }

    fn object(&mut self, body: String) -> usize {
        let id = self.reserve();
        self.set(id, body);
        id
    }

    fn stream(&mut self, dict: &str, data: &[u8]) -> usize {
        let mut body = format!("<< /Length {} {dict} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        let id = self.reserve();
        self.objects[id - 1] = Some(body);
        id
    }

    fn finish(self, root: usize, info: usize) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (n, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", n + 1).as_bytes());
            out.extend_from_slice(body.as_deref().unwrap_or(b"null"));
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1);
        for o in offsets {
            let _ = writeln!(table, "{o:010} 00000 n ");
        }
        let _ = write!(
            table,
            "trailer\n<< /Size {} /Root {root} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            self.objects.len() + 1
        );
        out.extend_from_slice(table.as_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii85_matches_the_reference_example() {
        // The classic example: "Man " → "9jqo^", and short groups keep n+1 digits.
        assert_eq!(ascii85(b"Man "), b"9jqo^~>");
        assert_eq!(ascii85(b"Man"), b"9jqo~>");
        assert_eq!(ascii85(&[0, 0, 0, 0, 1]), b"z!<~>");
    }

    #[test]
    fn runs_start_at_their_column() {
        assert_eq!(
            columns("   1  08:15 07/02/2024   Trước hạn"),
            vec![(3, "1".to_string()), (6, "08:15 07/02/2024".to_string()), (25, "Trước hạn".to_string())]
        );
    }
}
