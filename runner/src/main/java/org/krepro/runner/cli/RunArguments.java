package org.krepro.runner.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Range checks of the shared run options, as picocli converters so that every command taking them
 * (run, vm, matrix, container, the bisects) refuses a bad value with exit 2 before anything starts,
 * instead of a guest booting to run a negative budget.
 */
public final class RunArguments {
    private RunArguments() {
    }

    /** {@code --iterations}: at least one, or the test would run nothing and still PASS. */
    public static final class Iterations implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long n;
            try {
                n = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number; --iterations must be ≥ 1");
            }
            if (n < 1) {
                throw new TypeConversionException("--iterations must be ≥ 1 (got " + n + ")");
            }
            return n;
        }
    }

    /** {@code --duration}: longer than zero, for the same reason. */
    public static final class Budget implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = new RunOptionsMixin.DurationConverter().convert(value);
            if (d.isNegative() || d.isZero()) {
                throw new TypeConversionException("--duration must be longer than 0 (got " + value + ")");
            }
            return d;
        }
    }
}
