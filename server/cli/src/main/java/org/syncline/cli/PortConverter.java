package org.syncline.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a TCP port option: a whole number from 0 (any free port) to 65535. */
public final class PortConverter implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the same message as an out-of-range number.
        }
        throw new TypeConversionException(
                "'" + value + "' is not a port number (expected 0 to 65535)");
    }
}
