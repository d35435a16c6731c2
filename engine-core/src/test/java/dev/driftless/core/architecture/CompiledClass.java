package dev.driftless.core.architecture;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one compiled class refers to, read from its class file: the classes it names (class
 * constants, owners of the members it uses, and the types in every descriptor it holds) and the
 * members it uses, as {@code owner.name}. Method references ({@code Instant::now}) are method
 * constants too, so they count as uses.
 *
 * <p>Reading the constant pool entry by entry rather than searching the file's bytes is what makes
 * a member use findable at all: a call to {@code Instant.now()} stores the owner, the name and the
 * descriptor in three separate entries linked by index.
 */
record CompiledClass(Set<String> classes, Set<String> members) {

  private static final int UTF8 = 1;
  private static final int INTEGER = 3;
  private static final int FLOAT = 4;
  private static final int LONG = 5;
  private static final int DOUBLE = 6;
  private static final int CLASS = 7;
  private static final int STRING = 8;
  private static final int FIELD_REF = 9;
  private static final int METHOD_REF = 10;
  private static final int INTERFACE_METHOD_REF = 11;
  private static final int NAME_AND_TYPE = 12;
  private static final int METHOD_HANDLE = 15;
  private static final int METHOD_TYPE = 16;
  private static final int DYNAMIC = 17;
  private static final int INVOKE_DYNAMIC = 18;
  private static final int MODULE = 19;
  private static final int PACKAGE = 20;

  static CompiledClass read(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
      if (in.readInt() != 0xCAFEBABE) {
        throw new IllegalArgumentException(file + " is not a class file");
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      int[] tags = new int[count];
      String[] utf8 = new String[count];
      int[] first = new int[count];
      int[] second = new int[count];
      for (int i = 1; i < count; i++) {
        tags[i] = in.readUnsignedByte();
        switch (tags[i]) {
          case UTF8 -> utf8[i] = in.readUTF();
          case INTEGER, FLOAT -> in.readInt();
          case LONG, DOUBLE -> {
            in.readLong();
            i++;
          }
          case CLASS, STRING, METHOD_TYPE, MODULE, PACKAGE -> first[i] = in.readUnsignedShort();
          case FIELD_REF, METHOD_REF, INTERFACE_METHOD_REF, NAME_AND_TYPE, DYNAMIC, INVOKE_DYNAMIC -> {
            first[i] = in.readUnsignedShort();
            second[i] = in.readUnsignedShort();
          }
          case METHOD_HANDLE -> {
            in.readUnsignedByte();
            first[i] = in.readUnsignedShort();
          }
          default -> throw new IllegalArgumentException(file + " has an unknown constant tag " + tags[i] + " at " + i);
        }
      }
      Set<String> classes = new TreeSet<>();
      Set<String> members = new TreeSet<>();
      for (int i = 1; i < count; i++) {
        switch (tags[i]) {
          case CLASS -> classes.addAll(typesIn(utf8[first[i]]));
          case NAME_AND_TYPE, METHOD_TYPE -> classes.addAll(typesIn(utf8[tags[i] == METHOD_TYPE ? first[i] : second[i]]));
          case FIELD_REF, METHOD_REF, INTERFACE_METHOD_REF -> {
            String owner = utf8[first[first[i]]];
            classes.addAll(typesIn(owner));
            members.add(owner + "." + utf8[first[second[i]]]);
          }
          default -> { }
        }
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      in.readUnsignedShort();
      in.skipNBytes(2L * in.readUnsignedShort());
      for (int table = 0; table < 2; table++) {
        int entries = in.readUnsignedShort();
        for (int m = 0; m < entries; m++) {
          in.readUnsignedShort();
          in.readUnsignedShort();
          classes.addAll(typesIn(utf8[in.readUnsignedShort()]));
          skipAttributes(in);
        }
      }
      return new CompiledClass(Set.copyOf(classes), Set.copyOf(members));
    }
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int attributes = in.readUnsignedShort();
    for (int a = 0; a < attributes; a++) {
      in.readUnsignedShort();
      in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
    }
  }

  /**
   * The class names in a class constant or a descriptor: {@code java/time/Instant},
   * {@code [Ljava/time/Instant;} and {@code (Ljava/util/Random;)J} all name their classes.
   */
  private static Set<String> typesIn(String nameOrDescriptor) {
    Set<String> types = new TreeSet<>();
    if (!nameOrDescriptor.contains(";")) {
      if (!nameOrDescriptor.startsWith("[") && !nameOrDescriptor.startsWith("(")) {
        types.add(nameOrDescriptor);
      }
      return types;
    }
    int at = 0;
    while ((at = nameOrDescriptor.indexOf('L', at)) >= 0) {
      int end = nameOrDescriptor.indexOf(';', at);
      if (end < 0) {
        break;
      }
      types.add(nameOrDescriptor.substring(at + 1, end));
      at = end + 1;
    }
    return types;
  }
}
