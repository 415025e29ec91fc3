package dev.tollgate.core.config.template;

import java.util.List;

/** The immutable parse tree of a template: what {@link Parser} builds and {@link Evaluator} walks. */
sealed interface Node {
    /** Where the node starts, for error messages. */
    record Pos(int line, int column) {
    }

    record Text(String text) implements Node {
    }

    /** {@code {{ pipeline }}}: prints the value unless the pipeline declares or assigns variables. */
    record Output(Pipeline pipe, Pos pos) implements Node {
    }

    /** {@code if} and {@code with} ({@code with} sets dot to the value); {@code elseBody} may be empty. */
    record If(Pipeline pipe, List<Node> body, List<Node> elseBody, boolean with, Pos pos) implements Node {
    }

    record Range(Pipeline pipe, List<Node> body, List<Node> elseBody, Pos pos) implements Node {
    }

    /** {@code {{ template "name" pipeline }}}; {@code pipe} is null when no argument is given (dot is nil). */
    record Template(String name, Pipeline pipe, Pos pos) implements Node {
    }

    /** {@code $a, $b := c | d}: {@code vars} empty when nothing is declared; {@code assign} for {@code =}. */
    record Pipeline(List<String> vars, boolean assign, List<Command> commands, Pos pos) {
    }

    /** One command of a pipeline: a function and its arguments, or a single value. */
    record Command(List<Arg> args, Pos pos) {
    }

    sealed interface Arg {
        Pos pos();
    }

    /** {@code .}, {@code .a.b}, {@code $x.a}, {@code (pipeline).a}: a base then fields; base null means dot. */
    record Chain(Arg base, List<String> fields, Pos pos) implements Arg {
    }

    record Dot(Pos pos) implements Arg {
    }

    record Variable(String name, Pos pos) implements Arg {
    }

    record Literal(Object value, Pos pos) implements Arg {
    }

    record Function(String name, Pos pos) implements Arg {
    }

    record Sub(Pipeline pipe, Pos pos) implements Arg {
    }
}
