//! Checks of the code's shape that review alone would let slip: no import
//! cycles between files, small files, no HTTP types in the services, the
//! file map in ARCHITECTURE.md matching the tree, and documentation that
//! links nothing outside the repository.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const CRATES: [&str; 3] = ["domain", "store", "server"];
/// Lines of code before a file's unit tests.
const MAX_LINES: usize = 320;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("readable dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file under `src` (`web/api/mod.rs` -> web::api).
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("file under src");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_owned());
    }
    parts
}

/// The code of a file without its unit tests and comments.
fn code_of(text: &str) -> String {
    let body = text.split("#[cfg(test)]").next().unwrap_or("");
    body.lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path a `use` tree names, braces expanded (`a::{b, c::d}`).
fn expand_use(tree: &str) -> Vec<String> {
    let tree: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    fn go(prefix: &str, rest: &str, out: &mut Vec<String>) {
        let rest = rest.trim();
        match rest.find('{') {
            None => {
                for part in rest.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    let part = part.split(" as ").next().unwrap_or(part);
                    out.push(format!("{prefix}{part}"));
                }
            }
            Some(open) => {
                let head = &rest[..open];
                let inner = &rest[open + 1..rest.rfind('}').unwrap_or(rest.len())];
                // Split the inner list on top-level commas.
                let mut depth = 0;
                let mut start = 0;
                let bytes: Vec<char> = inner.chars().collect();
                let mut pieces = Vec::new();
                for (i, c) in bytes.iter().enumerate() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            pieces.push(bytes[start..i].iter().collect::<String>());
                            start = i + 1;
                        }
                        _ => {}
                    }
                }
                pieces.push(bytes[start..].iter().collect::<String>());
                for piece in pieces.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
                    go(&format!("{prefix}{}", head.trim()), piece, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    go("", &tree, &mut out);
    out
}

/// Paths this code refers to: `use` trees and inline `crate::`/`super::` paths.
fn referenced_paths(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let lines: Vec<&str> = code.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let statement = ["use ", "pub use ", "pub(crate) use "]
            .iter()
            .find_map(|start| trimmed.strip_prefix(start));
        if let Some(first) = statement {
            let mut text = first.to_owned();
            for more in &lines[i + 1..] {
                if text.contains(';') {
                    break;
                }
                text.push(' ');
                text.push_str(more);
            }
            paths.extend(expand_use(text.split(';').next().unwrap_or("")));
        }
    }
    for prefix in ["crate::", "super::"] {
        let mut rest = code;
        while let Some(at) = rest.find(prefix) {
            let tail = &rest[at..];
            let end = tail
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(tail.len());
            paths.push(tail[..end].trim_end_matches(':').to_owned());
            rest = &rest[at + prefix.len()..];
        }
    }
    paths
}

/// Absolute module paths (`crate::a::b` or `super::b` made absolute), or
/// `None` for paths of other crates.
fn absolute(path: &str, here: &[String]) -> Option<Vec<String>> {
    let mut segments: Vec<String> = Vec::new();
    let mut parts = path.split("::").filter(|s| !s.is_empty()).peekable();
    match parts.peek().copied() {
        Some("crate") => {
            parts.next();
        }
        Some("super") | Some("self") => {
            segments = here.to_vec();
            while let Some(&p) = parts.peek() {
                match p {
                    "super" => {
                        segments.pop();
                    }
                    "self" => {}
                    _ => break,
                }
                parts.next();
            }
        }
        _ => return None,
    }
    segments.extend(parts.map(str::to_owned));
    Some(segments)
}

/// Resolves a path to the file that defines it: the longest module prefix
/// that is a file, followed through re-exports (`pub use child::Item` in a
/// module is its facade, so using `module::Item` depends on `child`).
fn resolve(segments: &[String], source: &CrateSource, depth: usize) -> Option<PathBuf> {
    let n = (0..=segments.len())
        .rev()
        .find(|n| source.modules.contains_key(&segments[..*n]))?;
    let module = &segments[..n];
    if let Some(item) = segments.get(n) {
        if let Some(target) = source.reexports.get(&(module.to_vec(), item.clone())) {
            if depth < 8 {
                let mut next = target.clone();
                next.extend(segments[n + 1..].iter().cloned());
                return resolve(&next, source, depth + 1);
            }
        }
    }
    source.modules.get(module).cloned()
}

struct CrateSource {
    name: &'static str,
    files: Vec<(PathBuf, Vec<String>, String)>,
    modules: BTreeMap<Vec<String>, PathBuf>,
    /// (module, name) -> the absolute path a `pub use` of a child names.
    reexports: BTreeMap<(Vec<String>, String), Vec<String>>,
}

fn crate_source(name: &'static str) -> CrateSource {
    let src = repo_root().join("crates").join(name).join("src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    let mut files = Vec::new();
    let mut modules = BTreeMap::new();
    for path in paths {
        let module = module_of(&src, &path);
        if path.ends_with("main.rs") {
            continue; // the binary is its own crate
        }
        modules.insert(module.clone(), path.clone());
        let text = fs::read_to_string(&path).expect("readable source");
        files.push((path, module, text));
    }
    let mut reexports = BTreeMap::new();
    for (_, module, text) in &files {
        for line in code_of(text).lines().map(str::trim) {
            let Some(tree) = line.strip_prefix("pub use ") else {
                continue;
            };
            for path in expand_use(tree.trim_end_matches(';')) {
                let parts: Vec<String> = path.split("::").map(str::to_owned).collect();
                // Only relative paths (a module's own children) form a facade.
                if matches!(parts[0].as_str(), "crate" | "super" | "self") || parts.len() < 2 {
                    continue;
                }
                if !modules
                    .keys()
                    .any(|m| m.starts_with(module) && m.get(module.len()) == Some(&parts[0]))
                {
                    continue;
                }
                let mut target = module.clone();
                target.extend(parts.iter().cloned());
                reexports.insert((module.clone(), parts[parts.len() - 1].clone()), target);
            }
        }
    }
    CrateSource {
        name,
        files,
        modules,
        reexports,
    }
}

fn import_graph(source: &CrateSource) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let mut graph = BTreeMap::new();
    for (path, module, text) in &source.files {
        let mut edges = BTreeSet::new();
        for referenced in referenced_paths(&code_of(text)) {
            let target = absolute(&referenced, module).and_then(|segments| resolve(&segments, source, 0));
            if let Some(target) = target {
                // A module file refers to its children by declaring them; that is not an import.
                if &target != path {
                    edges.insert(target);
                }
            }
        }
        graph.insert(path.clone(), edges);
    }
    graph
}

/// One cycle in the graph, if there is any.
fn find_cycle(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Option<Vec<PathBuf>> {
    fn visit(
        node: &PathBuf,
        graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        state: &mut BTreeMap<PathBuf, u8>,
        stack: &mut Vec<PathBuf>,
    ) -> Option<Vec<PathBuf>> {
        state.insert(node.clone(), 1);
        stack.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next).copied().unwrap_or(0) {
                1 => {
                    let start = stack.iter().position(|n| n == next).unwrap_or(0);
                    let mut cycle = stack[start..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                0 => {
                    if let Some(cycle) = visit(next, graph, state, stack) {
                        return Some(cycle);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(node.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if state.get(node).copied().unwrap_or(0) == 0 {
            let mut stack = Vec::new();
            if let Some(cycle) = visit(node, graph, &mut state, &mut stack) {
                return Some(cycle);
            }
        }
    }
    None
}

fn short(path: &Path) -> String {
    path.strip_prefix(repo_root()).unwrap_or(path).display().to_string()
}

#[test]
fn no_import_cycles_between_files() {
    for name in CRATES {
        let source = crate_source(name);
        let graph = import_graph(&source);
        if let Some(cycle) = find_cycle(&graph) {
            let names: Vec<String> = cycle.iter().map(|p| short(p)).collect();
            panic!("import cycle in {}: {}", source.name, names.join(" -> "));
        }
    }
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let a = PathBuf::from("a.rs");
    let b = PathBuf::from("b.rs");
    let mut graph = BTreeMap::new();
    graph.insert(a.clone(), BTreeSet::from([b.clone()]));
    graph.insert(b.clone(), BTreeSet::new());
    assert!(find_cycle(&graph).is_none());
    graph.insert(b.clone(), BTreeSet::from([a.clone()]));
    assert_eq!(find_cycle(&graph), Some(vec![a.clone(), b, a]));
    assert_eq!(
        expand_use("crate::web::{api, auth::{CurrentUser, MaybeUser as M}}"),
        vec![
            "crate::web::api",
            "crate::web::auth::CurrentUser",
            "crate::web::auth::MaybeUser"
        ]
    );
}

#[test]
fn source_files_stay_small() {
    let mut long = Vec::new();
    for name in CRATES {
        for (path, _, text) in crate_source(name).files {
            let lines = text.split("#[cfg(test)]").next().unwrap_or("").lines().count();
            if lines > MAX_LINES {
                long.push(format!("{} ({lines} lines)", short(&path)));
            }
        }
    }
    assert!(long.is_empty(), "files over {MAX_LINES} lines of code: {long:?}");
}

#[test]
fn services_know_nothing_of_http() {
    let source = crate_source("server");
    for (path, module, text) in &source.files {
        if module.first().map(String::as_str) != Some("services") {
            continue;
        }
        let code = code_of(text);
        for forbidden in ["axum", "crate::web", "StatusCode", "IntoResponse"] {
            assert!(!code.contains(forbidden), "{} mentions {forbidden}", short(path));
        }
    }
}

/// Markdown files of the repository (not dependencies or build output).
fn markdown_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if !matches!(name.as_str(), "target" | "node_modules" | ".git" | "artifacts") {
                    walk(&path, out);
                }
            } else if name.ends_with(".md") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&repo_root(), &mut out);
    out
}

#[test]
fn documentation_links_stay_inside_the_repository() {
    let root = repo_root();
    for file in markdown_files() {
        let text = fs::read_to_string(&file).expect("readable markdown");
        // The folder the product was planned in sits beside the repository.
        let planning = concat!("..", "/shared");
        assert!(
            !text.contains(planning),
            "{} points outside the repository",
            short(&file)
        );
        let mut rest = text.as_str();
        while let Some(at) = rest.find("](") {
            let tail = &rest[at + 2..];
            let target = tail.split(')').next().unwrap_or("").split('#').next().unwrap_or("");
            rest = tail;
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let resolved = file.parent().expect("a folder").join(target);
            let inside = resolved.canonicalize().map(|p| p.starts_with(&root)).unwrap_or(false);
            assert!(
                inside,
                "{} links to {target}, which is not in the repository",
                short(&file)
            );
        }
    }
}

#[test]
fn the_architecture_map_names_every_file_and_only_real_ones() {
    let map = fs::read_to_string(repo_root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let mut names = BTreeSet::new();
    for name in CRATES {
        for (path, _, _) in crate_source(name).files {
            let file = path.file_name().expect("a name").to_string_lossy().into_owned();
            if !matches!(file.as_str(), "mod.rs" | "lib.rs") {
                names.insert(file);
            }
        }
    }
    let missing: Vec<&String> = names.iter().filter(|n| !map.contains(n.as_str())).collect();
    assert!(missing.is_empty(), "ARCHITECTURE.md does not mention {missing:?}");
    let mentioned: BTreeSet<String> = map
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .filter(|w| w.ends_with(".rs") && w.len() > 3)
        .map(str::to_owned)
        .collect();
    let mut all = names.clone();
    all.extend(["mod.rs", "lib.rs", "main.rs"].map(String::from));
    // Test and bench files are named too.
    let mut extra = Vec::new();
    rust_files(&repo_root().join("crates/server/tests"), &mut extra);
    rust_files(&repo_root().join("crates/server/benches"), &mut extra);
    all.extend(
        extra
            .iter()
            .map(|p| p.file_name().expect("a name").to_string_lossy().into_owned()),
    );
    let unknown: Vec<&String> = mentioned.iter().filter(|m| !all.contains(*m)).collect();
    assert!(
        unknown.is_empty(),
        "ARCHITECTURE.md names files that do not exist: {unknown:?}"
    );
}
