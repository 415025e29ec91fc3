package dev.tollgate.core.config.template;

import dev.tollgate.core.config.template.Node.Arg;
import dev.tollgate.core.config.template.Node.Pos;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Executes a parsed template as text/template does: dot, {@code $} (the data the template was called with),
 * variables scoped to the block that declares them, pipelines passing their value as the last argument of the
 * next command, {@code and}/{@code or} short-circuiting. One evaluator per rendering; not thread-safe.
 *
 * <p>Stricter than Go: printing a missing key or a null fails with the action's position, where Go prints
 * {@code <no value>} into the config (a missing setting would otherwise reach the JSON parser, or a value, as
 * text). A missing key still reads as false in {@code if}, empty in {@code range}, and nil as an argument.
 */
final class Evaluator {
    /** Far below Go's 100000: deep enough for any config, shallow enough for the JVM stack. */
    private static final int MAX_DEPTH = 100;

    private record Var(String name, Object value) {
    }

    private final Map<String, List<Node>> templates;
    private final Funcs funcs;
    private final StringBuilder out = new StringBuilder();
    private String file;
    private List<Var> vars = new ArrayList<>();
    private int depth;

    Evaluator(Map<String, List<Node>> templates, Funcs funcs) {
        this.templates = templates;
        this.funcs = funcs;
    }

    String render(String name, Object data) throws TemplateException {
        call(name, data, null);
        return out.toString();
    }

    private void call(String name, Object dot, Pos from) throws TemplateException {
        List<Node> body = templates.get(name);
        if (body == null) {
            String message = "no such template \"" + name + "\" (templates: "
                    + String.join(", ", new java.util.TreeSet<>(templates.keySet())) + "; a {{template}} names a "
                    + "*.tmpl file of FC_TEMPLATES by its file name)";
            throw from == null ? new TemplateException(message) : error(from, message);
        }
        if (depth == MAX_DEPTH) {
            throw error(from, "exceeded maximum template depth (" + MAX_DEPTH + ")");
        }
        String savedFile = file;
        List<Var> savedVars = vars;
        depth++;
        file = name;
        vars = new ArrayList<>();
        vars.add(new Var("$", dot));
        walk(body, dot);
        depth--;
        file = savedFile;
        vars = savedVars;
    }

    private void walk(List<Node> nodes, Object dot) throws TemplateException {
        for (Node n : nodes) {
            walk(n, dot);
        }
    }

    private void walk(Node node, Object dot) throws TemplateException {
        if (node instanceof Node.Text t) {
            out.append(t.text());
        } else if (node instanceof Node.Output o) {
            Object v = pipeline(o.pipe(), dot);
            if (o.pipe().vars().isEmpty()) {
                if (v == null) {
                    throw error(o.pos(), "no value: " + describe(o.pipe())
                            + " is missing or null (Go would print \"<no value>\" into the config)");
                }
                out.append(GoValues.print(v));
            }
        } else if (node instanceof Node.If i) {
            int mark = vars.size();
            Object v = pipeline(i.pipe(), dot);
            if (GoValues.truth(v)) {
                walk(i.body(), i.with() ? v : dot);
            } else {
                walk(i.elseBody(), dot);
            }
            truncate(mark);
        } else if (node instanceof Node.Range r) {
            range(r, dot);
        } else if (node instanceof Node.Template t) {
            call(t.name(), t.pipe() == null ? null : pipeline(t.pipe(), dot), t.pos());
        }
    }

    private void range(Node.Range r, Object dot) throws TemplateException {
        int mark = vars.size();
        List<String> names = r.pipe().vars();
        Object v = pipeline(new Node.Pipeline(List.of(), false, r.pipe().commands(), r.pipe().pos()), dot);
        boolean any = false;
        if (v instanceof List<?> l) {
            for (int k = 0; k < l.size(); k++) {
                iteration(r, names, (long) k, l.get(k));
                any = true;
            }
        } else if (v instanceof Map<?, ?> m) {
            for (String key : GoValues.sortedKeys(m)) {
                iteration(r, names, key, m.get(key));
                any = true;
            }
        } else if (v != null) {
            throw error(r.pos(), "range can't iterate over " + GoValues.print(v) + " (" + GoValues.typeName(v) + ")");
        }
        if (!any) {
            walk(r.elseBody(), dot);
        }
        truncate(mark);
    }

    private void iteration(Node.Range r, List<String> names, Object key, Object element) throws TemplateException {
        int mark = vars.size();
        if (names.size() == 1) {
            vars.add(new Var(names.get(0), element));
        } else if (names.size() == 2) {
            vars.add(new Var(names.get(0), key));
            vars.add(new Var(names.get(1), element));
        }
        walk(r.body(), element);
        truncate(mark);
    }

    private Object pipeline(Node.Pipeline p, Object dot) throws TemplateException {
        Object value = null;
        boolean piped = false;
        for (Node.Command c : p.commands()) {
            value = command(c, dot, value, piped);
            piped = true;
        }
        if (p.vars().size() > 1 && !p.assign()) {
            throw error(p.pos(), "too many declarations in command");
        }
        for (String name : p.vars()) {
            if (p.assign()) {
                set(name, value, p.pos());
            } else {
                vars.add(new Var(name, value));
            }
        }
        return value;
    }

    private Object command(Node.Command c, Object dot, Object piped, boolean hasPiped) throws TemplateException {
        Arg first = c.args().get(0);
        if (!(first instanceof Node.Function f)) {
            if (c.args().size() > 1 || hasPiped) {
                throw error(c.pos(), "can't give argument to non-function " + describe(first));
            }
            return arg(first, dot);
        }
        if (f.name().equals("and") || f.name().equals("or")) {
            return logic(f, c, dot, piped, hasPiped);
        }
        List<Object> args = new ArrayList<>();
        for (int k = 1; k < c.args().size(); k++) {
            args.add(arg(c.args().get(k), dot));
        }
        if (hasPiped) {
            args.add(piped);
        }
        try {
            return funcs.call(f.name(), args);
        } catch (Funcs.CallException e) {
            throw error(f.pos(), "error calling " + f.name() + ": " + e.getMessage());
        }
    }

    /** and/or return the first argument that decides (false for and, true for or), else the last; lazily. */
    private Object logic(Node.Function f, Node.Command c, Object dot, Object piped, boolean hasPiped)
            throws TemplateException {
        int n = c.args().size() - 1 + (hasPiped ? 1 : 0);
        if (n < 1) {
            throw error(f.pos(), "wrong number of args for " + f.name() + ": want at least 1 got 0");
        }
        boolean and = f.name().equals("and");
        Object v = null;
        for (int k = 1; k <= n; k++) {
            v = k < c.args().size() ? arg(c.args().get(k), dot) : piped;
            if (GoValues.truth(v) != and) {
                return v;
            }
        }
        return v;
    }

    private Object arg(Arg a, Object dot) throws TemplateException {
        if (a instanceof Node.Dot) {
            return dot;
        }
        if (a instanceof Node.Literal l) {
            return l.value();
        }
        if (a instanceof Node.Variable v) {
            return variable(v.name(), v.pos());
        }
        if (a instanceof Node.Sub s) {
            return pipelineScoped(s.pipe(), dot);
        }
        if (a instanceof Node.Function f) {
            return command(new Node.Command(List.of(f), f.pos()), dot, null, false);
        }
        Node.Chain ch = (Node.Chain) a;
        Object v = ch.base() == null ? dot : arg(ch.base(), dot);
        for (String field : ch.fields()) {
            if (v instanceof Map<?, ?> m) {
                v = m.get(field);
            } else if (v == null) {
                return null; // Go: a field of a missing key is missing too
            } else {
                throw error(ch.pos(), "can't evaluate field " + field + " in type " + GoValues.typeName(v));
            }
        }
        return v;
    }

    private Object pipelineScoped(Node.Pipeline p, Object dot) throws TemplateException {
        int mark = vars.size();
        Object v = pipeline(p, dot);
        if (p.assign() || p.vars().isEmpty()) {
            truncate(mark);
        }
        return v;
    }

    private Object variable(String name, Pos pos) throws TemplateException {
        for (int k = vars.size() - 1; k >= 0; k--) {
            if (vars.get(k).name().equals(name)) {
                return vars.get(k).value();
            }
        }
        throw error(pos, "undefined variable: " + name);
    }

    private void set(String name, Object value, Pos pos) throws TemplateException {
        for (int k = vars.size() - 1; k >= 0; k--) {
            if (vars.get(k).name().equals(name)) {
                vars.set(k, new Var(name, value));
                return;
            }
        }
        throw error(pos, "undefined variable: " + name);
    }

    private void truncate(int mark) {
        while (vars.size() > mark) {
            vars.remove(vars.size() - 1);
        }
    }

    private static String describe(Node.Pipeline p) {
        return p.commands().size() == 1 && p.commands().get(0).args().size() == 1
                ? describe(p.commands().get(0).args().get(0)) : "the pipeline";
    }

    private static String describe(Arg a) {
        if (a instanceof Node.Chain ch) {
            return (ch.base() == null ? "" : describe(ch.base())) + "." + String.join(".", ch.fields());
        }
        if (a instanceof Node.Variable v) {
            return v.name();
        }
        if (a instanceof Node.Function f) {
            return f.name();
        }
        if (a instanceof Node.Literal l) {
            return String.valueOf(l.value());
        }
        return a instanceof Node.Dot ? "." : "(...)";
    }

    private TemplateException error(Pos pos, String message) {
        return new TemplateException(file, pos.line(), pos.column(), message);
    }
}
