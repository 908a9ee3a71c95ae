package org.jx86.runtime.sys;

import java.io.OutputStream;

/**
 * The machine's I/O ports: 0xE9 debug console, 0xF4 debug exit (QEMU's isa-debug-exit:
 * status (v << 1) | 1), and a 16550 UART at 0x3F8 whose transmitter is always ready.
 * Other ports read as all ones and ignore writes, as on an empty ISA bus.
 */
final class PortIo {
    static final int DEBUGCON = 0xE9, DEBUG_EXIT = 0xF4, COM1 = 0x3F8;

    private final OutputStream console;
    private final Machine machine;
    private int uartIer, uartLcr, uartMcr, uartScratch, uartDll = 1, uartDlm;

    PortIo(OutputStream console, Machine machine) {
        this.console = console;
        this.machine = machine;
    }

    synchronized long in(int port, int size) {
        long ones = size == 4 ? 0xFFFF_FFFFL : (1L << (8 * size)) - 1;
        boolean dlab = (uartLcr & 0x80) != 0;
        return switch (port) {
            case COM1 -> dlab ? uartDll : 0;                 // RBR: nothing received
            case COM1 + 1 -> dlab ? uartDlm : uartIer;
            case COM1 + 2 -> (uartIer & 2) != 0 ? 0x02 : 0x01; // IIR: THR empty if enabled, else none
            case COM1 + 3 -> uartLcr;
            case COM1 + 4 -> uartMcr;
            case COM1 + 5 -> 0x60;                           // LSR: THR and transmitter empty
            case COM1 + 6 -> 0xB0;                           // MSR: CTS, DSR, DCD
            case COM1 + 7 -> uartScratch;
            case DEBUGCON -> 0xE9;                           // Bochs/QEMU presence check
            default -> ones;
        };
    }

    synchronized void out(int port, int size, long v) {
        boolean dlab = (uartLcr & 0x80) != 0;
        switch (port) {
            case DEBUGCON -> put((int) v);
            case DEBUG_EXIT -> machine.exit((int) (((v & 0xFFFF_FFFFL) << 1) | 1) & 0xFF, null);
            case COM1 -> {
                if (dlab) uartDll = (int) v & 0xFF;
                else put((int) v);
            }
            case COM1 + 1 -> {
                if (dlab) uartDlm = (int) v & 0xFF;
                else uartIer = (int) v & 0x0F;
            }
            case COM1 + 3 -> uartLcr = (int) v & 0xFF;
            case COM1 + 4 -> uartMcr = (int) v & 0x1F;
            case COM1 + 7 -> uartScratch = (int) v & 0xFF;
            default -> { }
        }
    }

    private void put(int c) {
        try {
            console.write(c);
            if (c == '\n') console.flush();
        } catch (java.io.IOException e) {
            // stdout closed: the guest keeps running, as with a disconnected serial line
        }
    }

    void flush() {
        try {
            console.flush();
        } catch (java.io.IOException e) {
            // ignored, see put
        }
    }
}
