//! A check on the screens' own shape: no module of src/tui imports one that imports it back,
//! directly or through others (declaring a child module is not importing it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The module path of a file: src/tui/screens/queue/update.rs → ["screens", "queue", "update"].
fn module_of(root: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(root).unwrap_or(file).with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The modules a file names: `crate::tui::a::b` and `super::a` paths, cut to a known module.
fn imports(me: &[String], text: &str, known: &BTreeSet<Vec<String>>) -> BTreeSet<Vec<String>> {
    let mut out = BTreeSet::new();
    let code: String = text.lines().take_while(|l| !l.starts_with("#[cfg(test)]")).collect::<Vec<_>>().join("\n");
    for (at, _) in code.match_indices("crate::tui::").chain(code.match_indices("super::")) {
        let rest = &code[at..];
        let (mut path, rest) = if let Some(r) = rest.strip_prefix("crate::tui::") {
            (vec![], r)
        } else {
            // `super` of a file is its parent module (of a mod.rs, the one above it).
            (me[..me.len().saturating_sub(1)].to_vec(), &rest["super::".len()..])
        };
        let words = rest.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).next().unwrap_or("");
        for w in words.split("::").filter(|w| !w.is_empty()) {
            path.push(w.to_string());
            if !known.contains(&path) {
                path.pop();
                break;
            }
        }
        // `use super::{a, b}`: each name in the braces.
        if rest.starts_with('{') || words.ends_with("::") {
            let inner = rest.split('{').nth(1).and_then(|r| r.split('}').next()).unwrap_or("");
            for name in inner.split(',').map(|n| n.trim().split("::").next().unwrap_or("").trim()) {
                let mut p = path.clone();
                p.push(name.to_string());
                if known.contains(&p) {
                    out.insert(p);
                }
            }
        }
        if !path.is_empty() && path != me {
            out.insert(path);
        }
    }
    out
}

#[test]
fn no_module_of_the_screens_imports_itself_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let mut all = vec![];
    files(&root, &mut all);
    assert!(all.len() > 40, "the screens' files are found ({})", all.len());
    let known: BTreeSet<Vec<String>> = all.iter().map(|f| module_of(&root, f)).collect();
    let mut graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for f in &all {
        let me = module_of(&root, f);
        let text = std::fs::read_to_string(f).unwrap();
        // A parent names its children to declare them; that is not a use of them.
        let deps = imports(&me, &text, &known).into_iter().filter(|d| !d.starts_with(&me)).collect();
        graph.insert(me, deps);
    }
    // Depth-first search; a module met again on the current path closes a cycle.
    fn visit(
        m: &Vec<String>,
        g: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        path: &mut Vec<Vec<String>>,
        done: &mut BTreeSet<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        if let Some(i) = path.iter().position(|p| p == m) {
            return Some(path[i..].to_vec());
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.clone());
        for d in g.get(m).into_iter().flatten() {
            if let Some(c) = visit(d, g, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.clone());
        None
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        if let Some(cycle) = visit(m, &graph, &mut vec![], &mut done) {
            let names: Vec<String> = cycle.iter().map(|p| p.join("::")).collect();
            panic!("import cycle: {}", names.join(" → "));
        }
    }
    // The check sees imports at all: the queue's update uses the state.
    assert!(graph[&vec!["screens".to_string(), "queue".into(), "update".into()]].contains(&vec!["state".to_string()]));
}
