package dev.rt.osl.fs;

import static dev.rt.osl.fs.OslFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rt.osl.fs.FileSystemOperation.Append;
import dev.rt.osl.fs.FileSystemOperation.Move;
import dev.rt.osl.fs.FileSystemOperation.Read;
import dev.rt.osl.fs.FileSystemOperation.Write;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The messages are immutable values: byte arrays are copied in and out; components are checked. */
class MessagesTest {

    @Test
    void writeAndAppendCopyTheirDataInAndOut() {
        byte[] data = bytes("abc");
        Write write = new Write("f", data);
        Append append = new Append("f", data);
        data[0] = 'X';
        assertThat(write.data()).isEqualTo(bytes("abc"));
        assertThat(append.data()).isEqualTo(bytes("abc"));
        write.data()[1] = 'Y';
        append.data()[1] = 'Y';
        assertThat(write.data()).isEqualTo(bytes("abc"));
        assertThat(append.data()).isEqualTo(bytes("abc"));
        assertThat(write.size()).isEqualTo(3);
        assertThat(write).isEqualTo(new Write("f", bytes("abc"))).hasSameHashCodeAs(new Write("f", bytes("abc")));
        assertThat(write).isNotEqualTo(new Write("f", bytes("abd"))).isNotEqualTo(new Write("g", bytes("abc")));
        assertThat(append).isEqualTo(new Append("f", bytes("abc"))).isNotEqualTo(write);
        assertThat(write.toString()).isEqualTo("Write[path=f, 3 bytes]");
    }

    @Test
    void contentCopiesItsDataInAndOut() {
        byte[] data = bytes("xyz");
        FileSystemResult.Content content = new FileSystemResult.Content(data, 10);
        data[0] = 'Q';
        content.data()[1] = 'Q';
        assertThat(content.data()).isEqualTo(bytes("xyz"));
        assertThat(content).isEqualTo(new FileSystemResult.Content(bytes("xyz"), 10))
                .hasSameHashCodeAs(new FileSystemResult.Content(bytes("xyz"), 10))
                .isNotEqualTo(new FileSystemResult.Content(bytes("xyz"), 11));
        assertThat(content.toString()).isEqualTo("Content[3 bytes, fileSize=10]");
        assertThat(content.isSuccess()).isTrue();
    }

    @Test
    void listingsAreCopied() {
        List<FileEntry> entries = new ArrayList<>();
        entries.add(new FileEntry("a", FileType.FILE, 1, Instant.EPOCH));
        FileSystemResult.Listing listing = new FileSystemResult.Listing(entries);
        entries.clear();
        assertThat(listing.entries()).hasSize(1);
        assertThatThrownBy(() -> listing.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void componentsAreChecked() {
        assertThatThrownBy(() -> new Read("f", -1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Read("f", 0, -2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Read(null, 0, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Write("f", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FileSystemResult.Failure(null, "m")).isInstanceOf(NullPointerException.class);
        assertThat(FileSystemOperation.read("f").isWhole()).isTrue();
        assertThat(FileSystemOperation.read("f", 1, 2).isWhole()).isFalse();
    }

    @Test
    void operationsKnowTheirKindAndRoutingPath() {
        assertThat(new Move("from", "to", false).path()).isEqualTo("from");
        assertThat(new Move("from", "to", false).kind()).isEqualTo(OperationKind.MOVE);
        assertThat(OperationKind.READ.isMutating()).isFalse();
        assertThat(OperationKind.STAT.isMutating()).isFalse();
        assertThat(OperationKind.LIST_DIRECTORY.isMutating()).isFalse();
        assertThat(OperationKind.MOVE.isMutating()).isTrue();
        assertThat(new FileSystemResult.Failure(ErrorKind.NOT_FOUND, "x").isSuccess()).isFalse();
        assertThat(new FileOperationException(new FileSystemResult.Failure(ErrorKind.TOO_LARGE, "big")))
                .hasMessage("TOO_LARGE: big").extracting(FileOperationException::kind).isEqualTo(ErrorKind.TOO_LARGE);
    }
}
