package org.jx86.x86.decode;

import static org.jx86.x86.decode.Sem.*;
import static org.jx86.x86.decode.Spec.*;

/**
 * The three-byte map 0F 38 xx (Intel SDM Vol. 2, Table A-4), legacy (non-VEX) encodings: SSSE3
 * with MMX and XMM forms, SSE4.1/4.2, SHA, AES-NI, MOVBE, CRC32, ADCX/ADOX and INVPCID.
 */
final class Map0F38 extends MapBuilder {
  static final Node[] TABLE = new Map0F38().build();

  private Map0F38() {
    super("0F38 map");
    Sem[] ssse3 = {PSHUFB, PHADDW, PHADDD, PHADDSW, PMADDUBSW, PHSUBW, PHSUBD, PHSUBSW,
      PSIGNB, PSIGNW, PSIGND, PMULHRSW};
    for (int i = 0; i < ssse3.length; i++) {
      both(i, ssse3[i]);
    }
    row(0x10, P66, PBLENDVB, Vx, Wx, Xmm0);
    row(0x14, P66, BLENDVPS, Vx, Wx, Xmm0);
    row(0x15, P66, BLENDVPD, Vx, Wx, Xmm0);
    row(0x17, P66, PTEST, Vx, Wx);
    both(0x1c, PABSB);
    both(0x1d, PABSW);
    both(0x1e, PABSD);
    extend(0x20, PMOVSXBW, PMOVSXBD, PMOVSXBQ, PMOVSXWD, PMOVSXWQ, PMOVSXDQ);
    sse(0x28, PMULDQ);
    sse(0x29, PCMPEQQ);
    row(0x2a, P66 | MEM, MOVNTDQA, Vx, Mx);
    sse(0x2b, PACKUSDW);
    extend(0x30, PMOVZXBW, PMOVZXBD, PMOVZXBQ, PMOVZXWD, PMOVZXWQ, PMOVZXDQ);
    Sem[] minmax = {PCMPGTQ, PMINSB, PMINSD, PMINUW, PMINUD, PMAXSB, PMAXSD, PMAXUW, PMAXUD,
      PMULLD, PHMINPOSUW};
    for (int i = 0; i < minmax.length; i++) {
      sse(0x37 + i, minmax[i]);
    }
    row(0x82, P66 | MEM, INVPCID, Gq, M0);
    row(0xc8, NP, SHA1NEXTE, Vx, Wx);
    row(0xc9, NP, SHA1MSG1, Vx, Wx);
    row(0xca, NP, SHA1MSG2, Vx, Wx);
    row(0xcb, NP, SHA256RNDS2, Vx, Wx, Xmm0);
    row(0xcc, NP, SHA256MSG1, Vx, Wx);
    row(0xcd, NP, SHA256MSG2, Vx, Wx);
    sse(0xdb, AESIMC);
    sse(0xdc, AESENC);
    sse(0xdd, AESENCLAST);
    sse(0xde, AESDEC);
    sse(0xdf, AESDECLAST);
    row(0xf0, NP | MEM, MOVBE, Gv, Mv);
    row(0xf0, P66 | MEM, MOVBE, Gv, Mv, KEEP_PREFIX);
    row(0xf0, PF2, CRC32, Gy, Eb);
    row(0xf1, NP | MEM, MOVBE, Mv, Gv);
    row(0xf1, P66 | MEM, MOVBE, Mv, Gv, KEEP_PREFIX);
    row(0xf1, PF2, CRC32, Gy, Ev);
    row(0xf6, P66, ADCX, Gy, Ey);
    row(0xf6, PF3, ADOX, Gy, Ey);
  }

  /** SSSE3: MMX form without prefix, XMM form with 66. */
  private void both(int op, Sem sem) {
    row(op, NP, sem, Pq, Qq);
    row(op, P66, sem, Vx, Wx);
  }

  private void sse(int op, Sem sem) {
    row(op, P66, sem, Vx, Wx);
  }

  /** PMOVSX/PMOVZX: the source is as wide as the destination elements need. */
  private void extend(int base, Sem bw, Sem bd, Sem bq, Sem wd, Sem wq, Sem dq) {
    row(base, P66, bw, Vx, Wq);
    row(base + 1, P66, bd, Vx, Wd);
    row(base + 2, P66, bq, Vx, Ww);
    row(base + 3, P66, wd, Vx, Wq);
    row(base + 4, P66, wq, Vx, Wd);
    row(base + 5, P66, dq, Vx, Wq);
  }
}
