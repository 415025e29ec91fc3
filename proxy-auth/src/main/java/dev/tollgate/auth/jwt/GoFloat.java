package dev.tollgate.auth.jwt;

import java.math.BigDecimal;

/**
 * Go's {@code fmt} {@code %v} of a float64 (what every JSON number is to krakend-jose): the shortest digits that
 * read back as the same value, written as {@code %e} when the exponent is below -4 or at least 6 ({@code 1e+06},
 * {@code 1.5e-05}), else as a plain decimal ({@code 123456}, {@code 0.0001}) - strconv's {@code 'g'} with
 * precision -1.
 */
final class GoFloat {
    private GoFloat() {
    }

    static String formatV(double v) {
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
        }
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int nd = digits.length();
        int dp = nd - d.scale(); // digits before the decimal point
        int exp = dp - 1;
        StringBuilder sb = new StringBuilder(nd + 8);
        if (v < 0) {
            sb.append('-');
        }
        if (exp < -4 || exp >= 6) {
            sb.append(digits.charAt(0));
            if (nd > 1) {
                sb.append('.').append(digits, 1, nd);
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int e = Math.abs(exp);
            if (e < 10) {
                sb.append('0');
            }
            return sb.append(e).toString();
        }
        if (dp <= 0) {
            sb.append("0.");
            sb.append("0".repeat(-dp)).append(digits);
        } else if (dp >= nd) {
            sb.append(digits).append("0".repeat(dp - nd));
        } else {
            sb.append(digits, 0, dp).append('.').append(digits, dp, nd);
        }
        return sb.toString();
    }
}
