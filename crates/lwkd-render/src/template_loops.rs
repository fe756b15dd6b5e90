//! Template recursion, refused before rendering: tera has no depth limit, so a template that
//! includes itself (through any chain of includes, parents and macro calls) or a macro that
//! calls itself overflows the stack and kills the process, `lwkd serve` included. Such a
//! loop is found in the compiled templates and reported as a template error (exit 2).

use std::collections::{BTreeMap, BTreeSet};

use tera::ast::{Expr, ExprVal, Node};
use tera::Tera;

use crate::error::TemplateError;

/// A template's own content (`None`), or one of its macros.
type Scope = (String, Option<String>);

/// What one scope renders: templates it includes or extends, and macros it calls by
/// namespace (`self` or an import's name).
#[derive(Default)]
struct Reaches {
    templates: Vec<String>,
    macros: Vec<(String, String)>,
}

/// An error naming the first loop of includes, parents and macro calls in `tera`.
pub(crate) fn check_template_loops(tera: &Tera) -> Result<(), TemplateError> {
    let mut edges: BTreeMap<Scope, BTreeSet<Scope>> = BTreeMap::new();
    for (name, template) in &tera.templates {
        let mut scopes = vec![((name.clone(), None), &template.ast)];
        scopes.extend(
            template
                .macros
                .iter()
                .map(|(m, def)| ((name.clone(), Some(m.clone())), &def.body)),
        );
        for (scope, body) in scopes {
            let mut reaches = Reaches::default();
            nodes(body, &mut reaches);
            let namespace = |ns: &str| {
                if ns == "self" {
                    Some(name.clone())
                } else {
                    template
                        .imported_macro_files
                        .iter()
                        .find(|(_, n)| n == ns)
                        .map(|(file, _)| file.clone())
                }
            };
            let to = edges.entry(scope).or_default();
            to.extend(reaches.templates.into_iter().map(|t| (t, None)));
            to.extend(
                reaches
                    .macros
                    .into_iter()
                    .filter_map(|(ns, m)| Some((namespace(&ns)?, Some(m)))),
            );
        }
    }
    let mut done = BTreeSet::new();
    for start in edges.keys() {
        let mut path = Vec::new();
        if let Some(cycle) = find_loop(start, &edges, &mut path, &mut done) {
            let first = &cycle[0].0;
            let file = tera
                .templates
                .get(first)
                .and_then(|t| t.path.clone())
                .unwrap_or_else(|| first.clone());
            let shown: Vec<String> = cycle
                .iter()
                .map(|(t, m)| {
                    m.as_ref()
                        .map_or_else(|| t.clone(), |m| format!("{t}::{m}"))
                })
                .collect();
            return Err(TemplateError::Loop {
                file,
                cycle: shown.join(" -> "),
            });
        }
    }
    Ok(())
}

/// A loop through `at` not yet cleared, depth first; `path` is the way here.
fn find_loop(
    at: &Scope,
    edges: &BTreeMap<Scope, BTreeSet<Scope>>,
    path: &mut Vec<Scope>,
    done: &mut BTreeSet<Scope>,
) -> Option<Vec<Scope>> {
    if let Some(i) = path.iter().position(|s| s == at) {
        let mut cycle = path[i..].to_vec();
        cycle.push(at.clone());
        return Some(cycle);
    }
    if done.contains(at) {
        return None;
    }
    path.push(at.clone());
    for next in edges.get(at).into_iter().flatten() {
        if let Some(cycle) = find_loop(next, edges, path, done) {
            return Some(cycle);
        }
    }
    path.pop();
    done.insert(at.clone());
    None
}

fn nodes(body: &[Node], reaches: &mut Reaches) {
    for node in body {
        match node {
            Node::VariableBlock(_, e) => expr(e, reaches),
            Node::Extends(_, parent) => reaches.templates.push(parent.clone()),
            Node::Include(_, names, _) => reaches.templates.extend(names.iter().cloned()),
            Node::Set(_, set) => expr(&set.value, reaches),
            Node::FilterSection(_, section, _) => {
                section.filter.args.values().for_each(|e| expr(e, reaches));
                nodes(&section.body, reaches);
            }
            Node::Block(_, block, _) => nodes(&block.body, reaches),
            Node::Forloop(_, each, _) => {
                expr(&each.container, reaches);
                nodes(&each.body, reaches);
                nodes(each.empty_body.as_deref().unwrap_or_default(), reaches);
            }
            Node::If(branches, _) => {
                for (_, condition, body) in &branches.conditions {
                    expr(condition, reaches);
                    nodes(body, reaches);
                }
                nodes(
                    branches
                        .otherwise
                        .as_ref()
                        .map_or(&[][..], |(_, body)| body),
                    reaches,
                );
            }
            // Macro definitions are scopes of their own; the rest render nothing else.
            _ => {}
        }
    }
}

fn expr(e: &Expr, reaches: &mut Reaches) {
    value(&e.val, reaches);
    for filter in &e.filters {
        filter.args.values().for_each(|a| expr(a, reaches));
    }
}

fn value(v: &ExprVal, reaches: &mut Reaches) {
    match v {
        ExprVal::MacroCall(call) => {
            reaches
                .macros
                .push((call.namespace.clone(), call.name.clone()));
            call.args.values().for_each(|a| expr(a, reaches));
        }
        ExprVal::Math(m) => [&m.lhs, &m.rhs].into_iter().for_each(|e| expr(e, reaches)),
        ExprVal::Logic(l) => [&l.lhs, &l.rhs].into_iter().for_each(|e| expr(e, reaches)),
        ExprVal::In(i) => [&i.lhs, &i.rhs].into_iter().for_each(|e| expr(e, reaches)),
        ExprVal::Test(t) => t.args.iter().for_each(|e| expr(e, reaches)),
        ExprVal::FunctionCall(f) => f.args.values().for_each(|e| expr(e, reaches)),
        ExprVal::Array(items) => items.iter().for_each(|e| expr(e, reaches)),
        ExprVal::StringConcat(c) => c.values.iter().for_each(|v| value(v, reaches)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(templates: &[(&str, &str)]) -> Result<(), String> {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.to_vec())
            .map_err(|e| e.to_string())?;
        check_template_loops(&tera).map_err(|e| e.to_string())
    }

    #[test]
    fn loops_of_includes_parents_and_macros_are_found() {
        let err = check(&[("a.html", "x{% include \"a.html\" %}")]).unwrap_err();
        assert!(
            err.starts_with("a.html: ") && err.contains("a.html -> a.html"),
            "{err}"
        );
        let err = check(&[
            ("a.html", "{% if x %}{% include \"b.html\" %}{% endif %}"),
            (
                "b.html",
                "{% for i in xs %}{% include \"a.html\" %}{% endfor %}",
            ),
        ])
        .unwrap_err();
        assert!(err.contains("a.html -> b.html -> a.html"), "{err}");
        let err = check(&[
            (
                "base.html",
                "{% block main %}{% include \"page.html\" %}{% endblock %}",
            ),
            (
                "page.html",
                "{% extends \"base.html\" %}{% block main %}p{% endblock %}",
            ),
        ])
        .unwrap_err();
        assert!(err.contains("base.html -> page.html -> base.html"), "{err}");
        let err =
            check(&[("m.html", "{% macro f(n) %}{{ self::f(n=n) }}{% endmacro %}")]).unwrap_err();
        assert!(err.contains("m.html::f -> m.html::f"), "{err}");
        let err = check(&[
            (
                "m.html",
                "{% macro f() %}{% include \"p.html\" %}{% endmacro %}",
            ),
            ("p.html", "{% import \"m.html\" as m %}{{ m::f() | safe }}"),
        ])
        .unwrap_err();
        assert!(err.contains("m.html::f -> p.html -> m.html::f"), "{err}");
    }

    #[test]
    fn a_theme_without_loops_passes() {
        let ok = check(&[
            ("base.html", "{% block main %}{% endblock %}{% include \"foot.html\" %}"),
            ("foot.html", "f"),
            ("m.html", "{% macro g() %}g{% endmacro %}{% macro f() %}{{ self::g() }}{% endmacro %}"),
            ("page.html", "{% extends \"base.html\" %}{% import \"m.html\" as m %}{% block main %}{{ m::f() }}{% include \"foot.html\" %}{% endblock %}"),
        ]);
        assert_eq!(ok, Ok(()));
    }
}
