package org.syncline.sync.plan;

import org.syncline.sync.replica.ExtendedAttributes;
import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.replica.Ownership;
import org.syncline.sync.replica.ReplicaCapabilities;
import org.syncline.sync.replica.StagedWrite;
import org.syncline.sync.replica.WriteRequest;
import org.syncline.sync.replica.WriteResult;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** A replica passing every call to another; tests override what they need to break. */
public class DelegatingReplica implements Replica {

    private final Replica delegate;

    public DelegatingReplica(Replica delegate) {
        this.delegate = delegate;
    }

    @Override
    public Stream<FileEntry> list(String dir) throws IOException {
        return delegate.list(dir);
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public String machineName() {
        return delegate.machineName();
    }

    @Override
    public long timeGranularityMillis() {
        return delegate.timeGranularityMillis();
    }

    @Override
    public OptionalLong usableSpace() throws IOException {
        return delegate.usableSpace();
    }

    @Override
    public ReplicaCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public Optional<FileEntry> stat(String path) throws IOException {
        return delegate.stat(path);
    }

    @Override
    public void willRead(String path, long bytes) {
        delegate.willRead(path, bytes);
    }

    @Override
    public HashedRead beginHashedRead(String path) {
        return delegate.beginHashedRead(path);
    }

    @Override
    public String knownHash(String path) {
        return delegate.knownHash(path);
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        return delegate.openRead(path);
    }

    @Override
    public WriteResult write(String path, InputStream content, WriteRequest request) throws IOException {
        return delegate.write(path, content, request);
    }

    @Override
    public StagedWrite stage(String path, InputStream content, WriteRequest request) throws IOException {
        return delegate.stage(path, content, request);
    }

    @Override
    public boolean readOnly() {
        return delegate.readOnly();
    }

    @Override
    public boolean reachable() {
        return delegate.reachable();
    }

    @Override
    public String readLink(String path) throws IOException {
        return delegate.readLink(path);
    }

    @Override
    public StagedWrite stageLink(String path, String target, WriteRequest request) throws IOException {
        return delegate.stageLink(path, target, request);
    }

    @Override
    public Optional<Ownership> owner(String path) throws IOException {
        return delegate.owner(path);
    }

    @Override
    public boolean setOwner(String path, Ownership owner) throws IOException {
        return delegate.setOwner(path, owner);
    }

    @Override
    public void force(StagedWrite staged) throws IOException {
        delegate.force(staged);
    }

    @Override
    public boolean forceTogether(List<? extends StagedWrite> staged) throws IOException {
        return delegate.forceTogether(staged);
    }

    @Override
    public WriteResult commit(StagedWrite staged) throws IOException {
        return delegate.commit(staged);
    }

    @Override
    public void discard(StagedWrite staged) {
        delegate.discard(staged);
    }

    @Override
    public void delete(String path) throws IOException {
        delegate.delete(path);
    }

    @Override
    public void mkdirs(String path) throws IOException {
        delegate.mkdirs(path);
    }

    @Override
    public void mkdirs(String path, ExtendedAttributes attributes) throws IOException {
        delegate.mkdirs(path, attributes);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        delegate.rename(from, to);
    }

    @Override
    public void setAttributes(String path, long mtimeMillis, int mode) throws IOException {
        delegate.setAttributes(path, mtimeMillis, mode);
    }

    @Override
    public ExtendedAttributes readExtendedAttributes(String path) throws IOException {
        return delegate.readExtendedAttributes(path);
    }

    @Override
    public void setExtendedAttributes(String path, ExtendedAttributes attributes) throws IOException {
        delegate.setExtendedAttributes(path, attributes);
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
