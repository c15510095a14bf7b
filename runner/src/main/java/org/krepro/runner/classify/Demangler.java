package org.krepro.runner.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * Demangles the symbol names that appear in kernel stack traces: Rust v0 ({@code _R...}, Rust code in the
 * kernel) and simple C++ Itanium names ({@code _Z...}), without parameter lists. A name that cannot be
 * demangled is returned unchanged.
 *
 * <p>Rust v0 grammar: https://doc.rust-lang.org/rustc/symbol-mangling/v0.html (paths, impls, trait impls,
 * generic arguments, back-references; types are printed as Rust spells them).
 */
final class Demangler {
    private Demangler() {
    }

    static String demangle(String symbol) {
        try {
            if (symbol.startsWith("_R")) {
                return new RustV0(symbol).demangle();
            }
            if (symbol.startsWith("_Z")) {
                return itanium(symbol);
            }
        } catch (RuntimeException e) {
            // malformed or unsupported: keep the raw name
        }
        return symbol;
    }

    /** {@code _Z3fooii} -> foo, {@code _ZN3foo3barEv} -> foo::bar, {@code _ZL3bazv} -> baz. */
    private static String itanium(String s) {
        int[] pos = {2};
        if (peek(s, pos) == 'L') {
            pos[0]++;
        }
        if (peek(s, pos) == 'N') {
            pos[0]++;
            while ("rVKRO".indexOf(peek(s, pos)) >= 0) {
                pos[0]++;
            }
            List<String> parts = new ArrayList<>();
            while (peek(s, pos) != 'E') {
                parts.add(sourceName(s, pos));
            }
            return String.join("::", parts);
        }
        return sourceName(s, pos);
    }

    private static char peek(String s, int[] pos) {
        if (pos[0] >= s.length()) {
            throw new IllegalArgumentException("truncated");
        }
        return s.charAt(pos[0]);
    }

    private static String sourceName(String s, int[] pos) {
        int start = pos[0];
        while (Character.isDigit(peek(s, pos))) {
            pos[0]++;
        }
        if (start == pos[0]) {
            throw new IllegalArgumentException("unsupported");
        }
        int len = Integer.parseInt(s.substring(start, pos[0]));
        String name = s.substring(pos[0], pos[0] + len);
        pos[0] += len;
        return name;
    }

    /** Recursive-descent printer for Rust v0 symbols. */
    private static final class RustV0 {
        private static final int MAX_DEPTH = 64;
        private final String s;
        private final int base;
        private int pos;
        private int depth;

        RustV0(String symbol) {
            this.s = symbol;
            this.base = 2;
            this.pos = 2;
        }

        String demangle() {
            if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                decimal(); // encoding version
            }
            String path = path(true);
            // an instantiating crate may follow; it is not printed
            return path;
        }

        private char next() {
            if (pos >= s.length()) {
                throw new IllegalArgumentException("truncated");
            }
            return s.charAt(pos++);
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private boolean eat(char c) {
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        private long decimal() {
            int start = pos;
            while (Character.isDigit(peek())) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("number expected");
            }
            return Long.parseLong(s.substring(start, pos));
        }

        private long base62() {
            if (eat('_')) {
                return 0;
            }
            long v = 0;
            while (true) {
                char c = next();
                if (c == '_') {
                    return v + 1;
                }
                int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10
                        : c >= 'A' && c <= 'Z' ? c - 'A' + 36 : -1;
                if (d < 0) {
                    throw new IllegalArgumentException("bad base62");
                }
                v = v * 62 + d;
            }
        }

        private long disambiguator() {
            return eat('s') ? base62() + 1 : 0;
        }

        private String identifier() {
            boolean punycode = eat('u');
            int len = (int) decimal();
            eat('_');
            String name = s.substring(pos, pos + len);
            pos += len;
            return punycode ? "punycode{" + name + "}" : name;
        }

        private <T> T backref(java.util.function.Supplier<T> parse) {
            long target = base62();
            int saved = pos;
            pos = base + (int) target;
            if (pos >= saved - 1) {
                throw new IllegalArgumentException("forward backref");
            }
            try {
                return parse.get();
            } finally {
                pos = saved;
            }
        }

        private String path(boolean inValue) {
            if (++depth > MAX_DEPTH) {
                throw new IllegalArgumentException("too deep");
            }
            try {
                char tag = next();
                switch (tag) {
                    case 'C': {
                        disambiguator();
                        return identifier();
                    }
                    case 'N': {
                        char ns = next();
                        String prefix = path(inValue);
                        long dis = disambiguator();
                        String name = identifier();
                        if (Character.isUpperCase(ns)) {
                            String kind = ns == 'C' ? "closure" : ns == 'S' ? "shim" : String.valueOf(ns);
                            return prefix + "::{" + kind + (name.isEmpty() ? "" : ":" + name) + "#" + dis + "}";
                        }
                        return name.isEmpty() ? prefix : prefix + "::" + name;
                    }
                    case 'M': {
                        disambiguator();
                        path(false); // the impl's own path is not printed
                        return "<" + type() + ">";
                    }
                    case 'X': {
                        disambiguator();
                        path(false);
                        String self = type();
                        return "<" + self + " as " + path(false) + ">";
                    }
                    case 'Y': {
                        String self = type();
                        return "<" + self + " as " + path(false) + ">";
                    }
                    case 'I': {
                        String p = path(inValue);
                        List<String> args = new ArrayList<>();
                        while (!eat('E')) {
                            String a = genericArg();
                            if (a != null) {
                                args.add(a);
                            }
                        }
                        return p + (inValue ? "::<" : "<") + String.join(", ", args) + ">";
                    }
                    case 'B':
                        return backref(() -> path(inValue));
                    default:
                        throw new IllegalArgumentException("unknown path tag " + tag);
                }
            } finally {
                depth--;
            }
        }

        private String genericArg() {
            if (eat('L')) {
                base62();
                return null; // lifetimes are erased in kernel symbols anyway
            }
            if (eat('K')) {
                return constant();
            }
            return type();
        }

        private static String basicType(char c) {
            return switch (c) {
                case 'a' -> "i8";
                case 'b' -> "bool";
                case 'c' -> "char";
                case 'd' -> "f64";
                case 'e' -> "str";
                case 'f' -> "f32";
                case 'h' -> "u8";
                case 'i' -> "isize";
                case 'j' -> "usize";
                case 'l' -> "i32";
                case 'm' -> "u32";
                case 'n' -> "i128";
                case 'o' -> "u128";
                case 's' -> "i16";
                case 't' -> "u16";
                case 'u' -> "()";
                case 'v' -> "...";
                case 'x' -> "i64";
                case 'y' -> "u64";
                case 'z' -> "!";
                case 'p' -> "_";
                default -> null;
            };
        }

        private String type() {
            if (++depth > MAX_DEPTH) {
                throw new IllegalArgumentException("too deep");
            }
            try {
                char c = peek();
                String basic = basicType(c);
                if (basic != null) {
                    pos++;
                    return basic;
                }
                switch (c) {
                    case 'A': {
                        pos++;
                        String t = type();
                        return "[" + t + "; " + constant() + "]";
                    }
                    case 'S':
                        pos++;
                        return "[" + type() + "]";
                    case 'T': {
                        pos++;
                        List<String> ts = new ArrayList<>();
                        while (!eat('E')) {
                            ts.add(type());
                        }
                        return "(" + String.join(", ", ts) + (ts.size() == 1 ? ",)" : ")");
                    }
                    case 'R':
                    case 'Q': {
                        pos++;
                        if (eat('L')) {
                            base62();
                        }
                        return (c == 'R' ? "&" : "&mut ") + type();
                    }
                    case 'P':
                        pos++;
                        return "*const " + type();
                    case 'O':
                        pos++;
                        return "*mut " + type();
                    case 'F':
                        pos++;
                        return fnSig();
                    case 'D': {
                        pos++;
                        if (eat('G')) {
                            base62();
                        }
                        List<String> traits = new ArrayList<>();
                        while (!eat('E')) {
                            String t = path(false);
                            while (eat('p')) {
                                String assoc = identifier();
                                t += "<" + assoc + " = " + type() + ">";
                            }
                            traits.add(t);
                        }
                        eat('L');
                        base62();
                        return "dyn " + String.join(" + ", traits);
                    }
                    case 'B':
                        pos++;
                        return backref(this::type);
                    default:
                        return path(false);
                }
            } finally {
                depth--;
            }
        }

        private String fnSig() {
            if (eat('G')) {
                base62();
            }
            boolean unsafe = eat('U');
            String abi = "";
            if (eat('K')) {
                abi = eat('C') ? "extern \"C\" " : "extern \"" + identifier().replace('_', '-') + "\" ";
            }
            List<String> params = new ArrayList<>();
            while (!eat('E')) {
                params.add(type());
            }
            String ret = type();
            return (unsafe ? "unsafe " : "") + abi + "fn(" + String.join(", ", params) + ")"
                    + (ret.equals("()") ? "" : " -> " + ret);
        }

        private String constant() {
            if (eat('p')) {
                return "_";
            }
            if (eat('B')) {
                return backref(this::constant);
            }
            String t = type();
            boolean negative = eat('n');
            int start = pos;
            while (peek() != '_') {
                next();
            }
            String hex = s.substring(start, pos);
            pos++;
            if (t.equals("bool")) {
                return hex.equals("1") ? "true" : "false";
            }
            long v = hex.isEmpty() ? 0 : Long.parseUnsignedLong(hex, 16);
            return (negative ? "-" : "") + Long.toUnsignedString(v);
        }
    }
}
