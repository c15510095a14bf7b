package org.krepro.runner.verify;

/**
 * Where a file block lives on the device, from FIEMAP.
 *
 * @param device   the device the offset refers to, or null when it is not known (several devices)
 * @param offset   the byte offset on that device (or in the filesystem's address space, see {@code note}),
 *                 or -1 when the block has no address (a hole, inline data, delayed allocation)
 * @param extent   the FIEMAP extent holding the block, or null (hole, or FIEMAP failed)
 * @param note     what the offset means when it is not a plain device offset, or why there is none ("" when plain)
 */
public record DeviceLocation(String device, long offset, Extent extent, String note) {

    public static DeviceLocation unknown(String why) {
        return new DeviceLocation(null, -1, null, why);
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (offset >= 0) {
            sb.append(device != null ? "device " + device + " offset " : "fiemap physical ")
                    .append(String.format("0x%x", offset));
        } else {
            sb.append("device offset unknown");
        }
        if (!note.isEmpty()) {
            sb.append(" (").append(note).append(')');
        }
        if (extent != null) {
            sb.append(" [").append(extent).append(']');
        }
        return sb.toString();
    }
}
