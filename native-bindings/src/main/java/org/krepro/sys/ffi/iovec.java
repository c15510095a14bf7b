package org.krepro.sys.ffi;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.util.function.Consumer;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.krepro.sys.ffi.Lib.*;

/**
 * One buffer of a vectored I/O call ({@code <sys/uio.h>}).
 * {@snippet lang=c :
 * struct iovec {
 *     void *iov_base;
 *     size_t iov_len;
 * };
 * }
 */
@SuppressWarnings("restricted") // native memory and downcalls are what this class is for
public final class iovec {
    iovec() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        C_POINTER.withName("iov_base"),
        C_LONG.withName("iov_len")
    ).withName("iovec");

    /** The layout of this struct. */
    public static GroupLayout layout() {
        return $LAYOUT;
    }

    private static final AddressLayout iov_base$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("iov_base"));
    private static final long iov_base$OFFSET = $LAYOUT.byteOffset(groupElement("iov_base"));

    /** Layout of field iov_base. */
    public static AddressLayout iov_base$layout() {
        return iov_base$LAYOUT;
    }

    /** Offset of field iov_base. */
    public static long iov_base$offset() {
        return iov_base$OFFSET;
    }

    /** Getter of field iov_base. */
    public static MemorySegment iov_base(MemorySegment struct) {
        return struct.get(iov_base$LAYOUT, iov_base$OFFSET);
    }

    /** Setter of field iov_base. */
    public static void iov_base(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(iov_base$LAYOUT, iov_base$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong iov_len$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("iov_len"));
    private static final long iov_len$OFFSET = $LAYOUT.byteOffset(groupElement("iov_len"));

    /** Layout of field iov_len. */
    public static ValueLayout.OfLong iov_len$layout() {
        return iov_len$LAYOUT;
    }

    /** Offset of field iov_len. */
    public static long iov_len$offset() {
        return iov_len$OFFSET;
    }

    /** Getter of field iov_len. */
    public static long iov_len(MemorySegment struct) {
        return struct.get(iov_len$LAYOUT, iov_len$OFFSET);
    }

    /** Setter of field iov_len. */
    public static void iov_len(MemorySegment struct, long fieldValue) {
        struct.set(iov_len$LAYOUT, iov_len$OFFSET, fieldValue);
    }

    /** The element {@code index} of an array of iovec. */
    public static MemorySegment asSlice(MemorySegment array, long index) {
        return array.asSlice(layout().byteSize() * index, layout().byteSize());
    }

    /** The size of this struct in bytes. */
    public static long sizeof() {
        return layout().byteSize();
    }

    /** Allocates a zeroed struct. */
    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate(layout());
    }

    /** Allocates a zeroed array of {@code elementCount} structs. */
    public static MemorySegment allocateArray(long elementCount, SegmentAllocator allocator) {
        return allocator.allocate(MemoryLayout.sequenceLayout(elementCount, layout()));
    }

    /** Views the native address {@code addr} as one struct tied to {@code arena}. */
    public static MemorySegment reinterpret(MemorySegment addr, Arena arena, Consumer<MemorySegment> cleanup) {
        return addr.reinterpret(layout().byteSize(), arena, cleanup);
    }
}
