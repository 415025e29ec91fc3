package dev.tollgate.core.config.template;

/**
 * text/template's {@code eq}/{@code ne}/{@code lt}...: only basic values of the same kind compare, so an int
 * written in the template against a settings number (a float64 in Go) is an error there, and here.
 */
final class Compare {
    private Compare() {
    }

    /** @param equality eq/ne, which also compare booleans; lt and the rest only order strings and numbers */
    static int compare(Object a, Object b, boolean equality) throws Funcs.CallException {
        if (a instanceof String x && b instanceof String y) {
            return Integer.signum(x.compareTo(y)); // UTF-16 order equals Go's byte order outside surrogates
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Double x && b instanceof Double y) {
            return Double.compare(x, y);
        }
        if (equality && a instanceof Boolean x && b instanceof Boolean y) {
            return x.equals(y) ? 0 : 1;
        }
        String kinds = GoValues.typeName(a) + " and " + GoValues.typeName(b);
        if ((a instanceof Long && b instanceof Double) || (a instanceof Double && b instanceof Long)) {
            throw new Funcs.CallException("incompatible types for comparison: " + kinds
                    + " (settings numbers are float64 in Go: write 8080.0, not 8080)");
        }
        throw new Funcs.CallException((a == null || b == null) ? "comparison with a missing or null value ("
                + kinds + ")" : (a.getClass() == b.getClass() ? "invalid type for comparison: " + kinds
                : "incompatible types for comparison: " + kinds));
    }
}
