package org.komar.routing.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of the instance, as Kafka Streams' memory-management guide sets it:
 * a block cache and write-buffer manager shared by all stores, with index and filter blocks counted in the cache.
 * Without it each of the instance's stores (five per partition, and the global tables) would keep a cache and
 * memtables of its own, outside the heap and outside {@code -Xmx}.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {

  /** Block cache and memtables of all stores together, off the heap. */
  private static final long TOTAL_BYTES = 48L * 1024 * 1024;
  /** Of which memtables may take at most this much. */
  private static final long MEMTABLE_BYTES = 16L * 1024 * 1024;
  private static final long WRITE_BUFFER_BYTES = 4L * 1024 * 1024;

  static {
    // Streams loads RocksDB's native library only when it opens a store; this class may be set up before that.
    RocksDB.loadLibrary();
  }

  // Shared by every store of this JVM, for its life; RocksDB's objects are closed by the JVM's exit.
  private static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, 0.1);
  private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(CACHE);
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(WRITE_BUFFERS);
    options.setWriteBufferSize(WRITE_BUFFER_BYTES);
    options.setMaxWriteBufferNumber(2);
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and the write-buffer manager are shared: closing them here would pull them from the other stores.
  }
}
