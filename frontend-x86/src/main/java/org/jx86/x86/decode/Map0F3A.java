package org.jx86.x86.decode;

import static org.jx86.x86.decode.Sem.*;
import static org.jx86.x86.decode.Spec.*;

/**
 * The three-byte map 0F 3A xx (Intel SDM Vol. 2, Table A-5), legacy (non-VEX) encodings: the
 * SSSE3/SSE4.1/SSE4.2 instructions with an imm8, PCLMULQDQ, SHA1RNDS4 and AESKEYGENASSIST.
 */
final class Map0F3A extends MapBuilder {
  static final Node[] TABLE = new Map0F3A().build();

  private Map0F3A() {
    super("0F3A map");
    row(0x08, P66, ROUNDPS, Vx, Wx, Ib);
    row(0x09, P66, ROUNDPD, Vx, Wx, Ib);
    row(0x0a, P66, ROUNDSS, Vd, Wd, Ib);
    row(0x0b, P66, ROUNDSD, Vq, Wq, Ib);
    row(0x0c, P66, BLENDPS, Vx, Wx, Ib);
    row(0x0d, P66, BLENDPD, Vx, Wx, Ib);
    row(0x0e, P66, PBLENDW, Vx, Wx, Ib);
    row(0x0f, NP, PALIGNR, Pq, Qq, Ib);
    row(0x0f, P66, PALIGNR, Vx, Wx, Ib);
    row(0x14, P66, PEXTRB, Edb, Vx, Ib);
    row(0x15, P66, PEXTRW, Edw, Vx, Ib);
    row(0x16, P66 | W0, PEXTRD, Ed, Vx, Ib);
    row(0x16, P66 | W1, PEXTRQ, Eq, Vx, Ib);
    row(0x17, P66, EXTRACTPS, Ed, Vx, Ib);
    row(0x20, P66, PINSRB, Vx, Edb, Ib);
    row(0x21, P66, INSERTPS, Vx, Wd, Ib);
    row(0x22, P66 | W0, PINSRD, Vx, Ed, Ib);
    row(0x22, P66 | W1, PINSRQ, Vx, Eq, Ib);
    row(0x40, P66, DPPS, Vx, Wx, Ib);
    row(0x41, P66, DPPD, Vx, Wx, Ib);
    row(0x42, P66, MPSADBW, Vx, Wx, Ib);
    row(0x44, P66, PCLMULQDQ, Vx, Wx, Ib, CMP_PRED);
    // REX.W makes the explicit lengths RAX/RDX (objdump: pcmpestriq)
    row(0x60, P66, PCMPESTRM, Vx, Wx, Ib);
    row(0x60, P66 | W1, PCMPESTRM, "pcmpestrmq", Vx, Wx, Ib);
    row(0x61, P66, PCMPESTRI, Vx, Wx, Ib);
    row(0x61, P66 | W1, PCMPESTRI, "pcmpestriq", Vx, Wx, Ib);
    row(0x62, P66, PCMPISTRM, Vx, Wx, Ib);
    row(0x63, P66, PCMPISTRI, Vx, Wx, Ib);
    row(0xcc, NP, SHA1RNDS4, Vx, Wx, Ib);
    row(0xdf, P66, AESKEYGENASSIST, Vx, Wx, Ib);
  }
}
