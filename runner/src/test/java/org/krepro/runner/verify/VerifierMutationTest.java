package org.krepro.runner.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random mutations (seeded, so every run is the same) of random blocks, each of which must be named
 * with exactly the class of the mutation, at exactly its block.
 */
class VerifierMutationTest {

    enum Mutation { ZERO, STALE, OTHER_FILE, OTHER_BLOCK, TORN_OLD_TAIL, TORN_OLD_HEAD, TORN_ZERO_SECTOR, FLIP_BYTE, FOREIGN_SECTOR, TRUNCATE }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096, 16384})
    void everyMutationIsNamedExactly(int bs) throws IOException {
        SplittableRandom rnd = new SplittableRandom(0x3a7 + bs);
        BlockFormat format = new BlockFormat(bs, 77);
        int blocks = 24;
        int sectors = bs / 512;
        for (int trial = 0; trial < 60; trial++) {
            ExpectedState state = new ExpectedState(format);
            MemorySegment a = MemorySegment.ofArray(format.blocks(1, 0, blocks, 1));
            format.fill(a, 1, 0, blocks, 2);            // everything rewritten at generation 2
            state.file(1).written(0, blocks, 2);
            MemorySegment b = MemorySegment.ofArray(format.blocks(2, 0, blocks, 1));
            state.file(2).written(0, blocks, 1);
            MemoryDataSource src = new MemoryDataSource().put("f0001", a).put("f0002", b);

            int victim = rnd.nextInt(blocks);
            Mutation m = Mutation.values()[rnd.nextInt(Mutation.values().length)];
            if (sectors == 1 && m.name().startsWith("TORN")) {
                m = Mutation.ZERO;       // a one-sector block cannot tear
            }
            MemorySegment blk = a.asSlice((long) victim * bs, bs);
            MemorySegment old = MemorySegment.ofArray(format.blocks(1, victim, 1, 1));
            DataClass want;
            switch (m) {
                case ZERO -> {
                    blk.fill((byte) 0);
                    want = DataClass.ZEROED;
                }
                case STALE -> {
                    MemorySegment.copy(old, 0, blk, 0, bs);
                    want = DataClass.STALE;
                }
                case OTHER_FILE -> {
                    MemorySegment.copy(b, (long) rnd.nextInt(blocks) * bs, blk, 0, bs);
                    want = DataClass.MISPLACED;
                }
                case OTHER_BLOCK -> {
                    int other = (victim + 1 + rnd.nextInt(blocks - 1)) % blocks;
                    format.fill(blk, 1, other, 2);
                    want = DataClass.MISPLACED;
                }
                case TORN_OLD_TAIL -> {
                    int k = 1 + rnd.nextInt(sectors - 1);
                    MemorySegment.copy(old, k * 512L, blk, k * 512L, bs - k * 512L);
                    want = DataClass.TORN;
                }
                case TORN_OLD_HEAD -> {
                    int k = 1 + rnd.nextInt(sectors - 1);
                    MemorySegment.copy(old, 0, blk, 0, k * 512L);
                    want = DataClass.TORN;
                }
                case TORN_ZERO_SECTOR -> {
                    blk.asSlice(rnd.nextInt(sectors) * 512L, 512).fill((byte) 0);
                    want = DataClass.TORN;
                }
                case FLIP_BYTE -> {
                    long at = rnd.nextLong(bs);
                    blk.set(ValueLayout.JAVA_BYTE, at, (byte) (blk.get(ValueLayout.JAVA_BYTE, at) ^ (1 << rnd.nextInt(8))));
                    want = DataClass.GARBAGE;
                }
                case FOREIGN_SECTOR -> {
                    MemorySegment s = blk.asSlice(rnd.nextInt(sectors) * 512L, 512);
                    for (int i = 0; i < 512; i++) {
                        s.set(ValueLayout.JAVA_BYTE, i, (byte) (1 + rnd.nextInt(255)));
                    }
                    want = DataClass.GARBAGE;
                }
                case TRUNCATE -> {
                    src.put("f0001", a.asSlice(0, (long) victim * bs));
                    want = DataClass.MISSING;
                }
                default -> throw new AssertionError(m);
            }
            if (sectors == 1 && m == Mutation.TORN_ZERO_SECTOR) {
                want = DataClass.ZEROED;
            }
            VerifyResult r = Verifier.of(state).verify(src);
            String head = "trial " + trial + " " + m + " block " + victim + "\n";
            java.util.function.Supplier<String> ctx = () -> head + r.report();
            long expectCount = m == Mutation.TRUNCATE ? blocks - victim : 1;
            assertEquals(expectCount, r.bad(), ctx);
            assertEquals(expectCount, r.count(want), ctx);
            assertEquals(victim, r.badBlocks().get(0).blockIndex(), ctx);
            assertEquals(0, r.cacheMismatches(), ctx);
        }
    }
}
