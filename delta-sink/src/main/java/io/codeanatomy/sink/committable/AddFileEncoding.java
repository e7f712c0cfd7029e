package io.codeanatomy.sink.committable;

import io.codeanatomy.delta.commit.AddFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The binary form of {@code add} actions inside both serializers. Strings are length-prefixed UTF-8
 * rather than {@code writeUTF}, whose 64 KiB limit statistics of wide tables can exceed.
 */
final class AddFileEncoding {
  private AddFileEncoding() {}

  static void writeFiles(List<AddFile> files, DataOutputView out) throws IOException {
    out.writeInt(files.size());
    for (AddFile file : files) {
      writeString(file.path(), out);
      out.writeLong(file.size());
      out.writeLong(file.modificationTime());
      out.writeBoolean(file.dataChange());
      out.writeBoolean(file.stats() != null);
      if (file.stats() != null) {
        writeString(file.stats(), out);
      }
    }
  }

  static List<AddFile> readFiles(DataInputView in) throws IOException {
    int count = in.readInt();
    List<AddFile> files = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String path = readString(in);
      long size = in.readLong();
      long modificationTime = in.readLong();
      boolean dataChange = in.readBoolean();
      String stats = in.readBoolean() ? readString(in) : null;
      files.add(new AddFile(path, size, modificationTime, dataChange, stats));
    }
    return files;
  }

  static void writeString(String value, DataOutputView out) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readString(DataInputView in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
