package run.hatchet.internal.transport;

import com.google.protobuf.MessageLite;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ConnectivityState;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import run.hatchet.HatchetConfigException;
import run.hatchet.HatchetException;
import run.hatchet.HatchetRpcException;
import run.hatchet.config.ClientConfig;
import run.hatchet.config.TlsStrategy;
import run.hatchet.internal.proto.DispatcherGrpc;
import run.hatchet.internal.proto.EventsServiceGrpc;
import run.hatchet.internal.proto.WorkflowServiceGrpc;
import run.hatchet.internal.proto.v1.AdminServiceGrpc;
import run.hatchet.internal.proto.v1.V1DispatcherGrpc;

/** One shared gRPC channel per client, with auth, keepalive, compression and retries for unary calls. */
public final class GrpcTransport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GrpcTransport.class);
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  /** Codes worth another attempt: the engine was unreachable, overloaded or aborted the call. */
  private static final Set<Status.Code> TRANSIENT =
      Set.of(Status.Code.UNAVAILABLE, Status.Code.RESOURCE_EXHAUSTED, Status.Code.ABORTED);
  private static final int MAX_ATTEMPTS = 5;
  private static final Duration UNARY_DEADLINE = Duration.ofSeconds(30);
  /**
   * Longest wait between connection attempts while the engine is unreachable. gRPC's own backoff grows to
   * two minutes, and calls made meanwhile fail at once: a client could go on failing for that long after
   * the engine is back.
   */
  private static final long RECONNECT_CAP_MILLIS = 5_000;

  private final ClientConfig config;
  private final ManagedChannel channel;
  /** Whether a shortened reconnect is scheduled (see {@link #watchConnectivity}). */
  private final AtomicBoolean reconnectScheduled = new AtomicBoolean();

  public GrpcTransport(ClientConfig config) {
    this.config = config;
    NettyChannelBuilder b =
        NettyChannelBuilder.forTarget(config.hostPort())
            // the engine refuses pings more often than every 5 s (too_many_pings)
            .keepAliveTime(10, TimeUnit.SECONDS)
            .keepAliveTimeout(60, TimeUnit.SECONDS)
            .keepAliveWithoutCalls(true)
            .maxInboundMessageSize(config.maxRecvMessageSize())
            // retries are ours (unary calls here, streams in their owners); gRPC's own retry layer would only
            // add a buffering wrapper around every call
            .disableRetry()
            .intercept(new AuthInterceptor("Bearer " + config.token()), new SmallMessagesUncompressed())
            .userAgent("hatchet-java/" + SdkInfo.version());
    if (config.tlsStrategy() == TlsStrategy.NONE) {
      b.usePlaintext();
    } else {
      b.sslContext(sslContext(config)).overrideAuthority(authority(config));
    }
    this.channel = b.build();
    watchConnectivity();
  }

  /**
   * Follows the channel's state; while it is in TRANSIENT_FAILURE (the engine unreachable), cuts gRPC's
   * connection backoff short every {@link #RECONNECT_CAP_MILLIS} at most (with jitter), so that clients and
   * workers are back within seconds of the engine's return, however long the outage was.
   */
  private void watchConnectivity() {
    if (channel.isShutdown()) {
      return;
    }
    ConnectivityState state = channel.getState(false);
    reconnectSoonIfFailing();
    channel.notifyWhenStateChanged(state, this::watchConnectivity);
  }

  /** Schedules a shortened reconnect when the channel is in TRANSIENT_FAILURE and none is scheduled yet. */
  private void reconnectSoonIfFailing() {
    if (!channel.isShutdown() && channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE
        && reconnectScheduled.compareAndSet(false, true)) {
      scheduleReconnect();
    }
  }

  private void scheduleReconnect() {
    long delay = ThreadLocalRandom.current().nextLong(RECONNECT_CAP_MILLIS / 2, RECONNECT_CAP_MILLIS + 1);
    // runs on the JDK's delay scheduler thread: resetting the backoff only schedules a connection attempt
    CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, Runnable::run).execute(() -> {
      if (!channel.isShutdown() && channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
        log.debug("engine unreachable; trying to connect again now");
        channel.resetConnectBackoff();
        scheduleReconnect(); // the channel may report TRANSIENT_FAILURE until connected, without a change
      } else {
        reconnectScheduled.set(false);
        reconnectSoonIfFailing(); // in case it failed again between the check and the reset of the flag
      }
    });
  }

  private static String authority(ClientConfig config) {
    String hp = config.hostPort();
    int colon = hp.lastIndexOf(':');
    String port = colon > 0 ? hp.substring(colon + 1) : "443";
    return config.tlsServerName() + ":" + port;
  }

  private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(ClientConfig config) {
    try {
      SslContextBuilder ssl = GrpcSslContexts.forClient();
      if (config.tlsRootCaFile() != null) {
        ssl.trustManager(readable(config.tlsRootCaFile(), ClientConfig.ENV_TLS_ROOT_CA_FILE));
      } else if (config.tlsRootCa() != null) {
        ssl.trustManager(pem(config.tlsRootCa()));
      }
      if (config.tlsStrategy() == TlsStrategy.MTLS) {
        if (config.tlsCertFile() != null) {
          ssl.keyManager(
              readable(config.tlsCertFile(), ClientConfig.ENV_TLS_CERT_FILE),
              readable(config.tlsKeyFile(), ClientConfig.ENV_TLS_KEY_FILE));
        } else {
          ssl.keyManager(pem(config.tlsCert()), pem(config.tlsKey()));
        }
      }
      return ssl.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new HatchetConfigException("cannot set up TLS (" + config.tlsStrategy() + "): " + e.getMessage(), e);
    }
  }

  private static File readable(String path, String setting) {
    if (path == null) {
      throw new HatchetConfigException(setting + " is not set");
    }
    File f = new File(path);
    if (!f.canRead()) {
      throw new HatchetConfigException(setting + " names a file that cannot be read: " + path);
    }
    return f;
  }

  private static ByteArrayInputStream pem(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  public ClientConfig config() {
    return config;
  }

  public Channel channel() {
    return channel;
  }

  private <S extends io.grpc.stub.AbstractStub<S>> S prepare(S stub) {
    return config.gzip() ? stub.withCompression("gzip") : stub;
  }

  public DispatcherGrpc.DispatcherBlockingStub dispatcher() {
    return prepare(DispatcherGrpc.newBlockingStub(channel));
  }

  public DispatcherGrpc.DispatcherStub dispatcherAsync() {
    return prepare(DispatcherGrpc.newStub(channel));
  }

  public EventsServiceGrpc.EventsServiceBlockingStub events() {
    return prepare(EventsServiceGrpc.newBlockingStub(channel));
  }

  public EventsServiceGrpc.EventsServiceStub eventsAsync() {
    return prepare(EventsServiceGrpc.newStub(channel));
  }

  public WorkflowServiceGrpc.WorkflowServiceBlockingStub workflows() {
    return prepare(WorkflowServiceGrpc.newBlockingStub(channel));
  }

  public AdminServiceGrpc.AdminServiceBlockingStub admin() {
    return prepare(AdminServiceGrpc.newBlockingStub(channel));
  }

  public V1DispatcherGrpc.V1DispatcherStub v1DispatcherAsync() {
    return prepare(V1DispatcherGrpc.newStub(channel));
  }

  /**
   * Runs a unary call with a deadline, retrying transient failures with capped exponential backoff and
   * full jitter. Failures become {@link HatchetRpcException} naming the call.
   *
   * @param what the call's name for messages, e.g. {@code "Dispatcher.Register"}
   * @param call receives a deadline-bearing option and performs the call on a stub
   */
  public <S extends io.grpc.stub.AbstractStub<S>, T> T unary(String what, S stub, Function<S, T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.apply(stub.withDeadlineAfter(UNARY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
      } catch (StatusRuntimeException e) {
        long sleep = retryDelayMillis(what, e.getStatus().getCode(), attempt);
        if (sleep < 0) {
          throw rpcError(what, e);
        }
        sleepQuietly(sleep);
      }
    }
  }

  /**
   * The wait before another attempt of a unary call whose attempt {@code attempt} failed with {@code code},
   * or -1 when it is not to be retried: the code is not transient, or retries are off or used up.
   */
  private long retryDelayMillis(String what, Status.Code code, int attempt) {
    int attempts = config.grpcRetry() ? MAX_ATTEMPTS : 1;
    if (!TRANSIENT.contains(code) || attempt >= attempts) {
      return -1;
    }
    long sleep = backoffMillis(attempt, 200, 5_000);
    log.debug("{} failed with {} (attempt {}/{}); retrying in {} ms", what, code, attempt, attempts, sleep);
    return sleep;
  }

  /**
   * The asynchronous form of {@link #unary}: starts the call and returns at once. The future completes on
   * one of gRPC's executor threads (never the network thread) with the response, or exceptionally with
   * {@link HatchetRpcException} once the call failed for good; transient failures are retried as by
   * {@link #unary}, each after a scheduled (not slept) backoff.
   *
   * @param call receives a deadline-bearing stub and the observer of the call's single response
   */
  public <S extends io.grpc.stub.AbstractStub<S>, T> CompletableFuture<T> unaryAsync(String what, S stub,
      BiConsumer<S, StreamObserver<T>> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    attempt(what, stub, call, 1, result);
    return result;
  }

  private <S extends io.grpc.stub.AbstractStub<S>, T> void attempt(String what, S stub, BiConsumer<S, StreamObserver<T>> call,
      int attempt, CompletableFuture<T> result) {
    StreamObserver<T> observer = new StreamObserver<>() {
      private T response;

      @Override
      public void onNext(T value) {
        response = value;
      }

      @Override
      public void onError(Throwable t) {
        StatusRuntimeException e = t instanceof StatusRuntimeException sre ? sre : Status.fromThrowable(t).withCause(t).asRuntimeException();
        long sleep = retryDelayMillis(what, e.getStatus().getCode(), attempt);
        if (sleep < 0) {
          result.completeExceptionally(rpcError(what, e));
        } else {
          // starting a call does not block: run it on the JDK's delay scheduler thread rather than a new one
          CompletableFuture.delayedExecutor(sleep, TimeUnit.MILLISECONDS, Runnable::run)
              .execute(() -> attempt(what, stub, call, attempt + 1, result));
        }
      }

      @Override
      public void onCompleted() {
        result.complete(response);
      }
    };
    try {
      call.accept(stub.withDeadlineAfter(UNARY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS), observer);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
  }

  /** Maps a gRPC failure to the SDK's exception with the engine's message. */
  public static HatchetRpcException rpcError(String what, StatusRuntimeException e) {
    Status s = e.getStatus();
    String desc = s.getDescription() == null ? "" : ": " + s.getDescription();
    String hint = "";
    if (s.getCode() == Status.Code.UNAUTHENTICATED) {
      hint = " (check HATCHET_CLIENT_TOKEN: it must be a token issued by this engine)";
    } else if (s.getCode() == Status.Code.UNAVAILABLE) {
      String tls = tlsProblem(e);
      hint = tls != null
          ? " (TLS handshake failed: " + tls + "; check HATCHET_CLIENT_TLS_ROOT_CA_FILE, HATCHET_CLIENT_TLS_SERVER_NAME"
              + " and, for mtls, the client certificate)"
          : " (is the engine reachable at the configured HATCHET_CLIENT_HOST_PORT, with the right TLS strategy?)";
    }
    return new HatchetRpcException(s.getCode().name(), what + " failed: " + s.getCode() + desc + hint, e);
  }

  private static String tlsProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException) {
        return t.getMessage();
      }
    }
    return null;
  }

  /** Full-jitter exponential backoff: uniform in [base/2, min(cap, base * 2^(attempt-1))]. */
  public static long backoffMillis(int attempt, long baseMillis, long capMillis) {
    long ceiling = Math.min(capMillis, baseMillis * (1L << Math.min(attempt - 1, 20)));
    long floor = Math.min(ceiling, baseMillis / 2);
    return floor + ThreadLocalRandom.current().nextLong(Math.max(1, ceiling - floor + 1));
  }

  public static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HatchetException("interrupted", e);
    }
  }

  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Messages below this size are sent uncompressed even when gzip is on. */
  static final int COMPRESSION_THRESHOLD_BYTES = 1024;

  /**
   * With gzip on, compresses only messages of at least {@link #COMPRESSION_THRESHOLD_BYTES}. Most messages
   * (task events, event pushes, heartbeats) are a few hundred bytes, which gzip makes no smaller, while each
   * compressed message costs a fresh deflater. The engine reads both forms on any call.
   */
  static final class SmallMessagesUncompressed implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      ClientCall<Q, R> call = next.newCall(method, options);
      if (options.getCompressor() == null) {
        return call;
      }
      return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
        @Override
        public void sendMessage(Q message) {
          setMessageCompression(!(message instanceof MessageLite m) || m.getSerializedSize() >= COMPRESSION_THRESHOLD_BYTES);
          super.sendMessage(message);
        }
      };
    }
  }

  /** Adds the bearer token to every call, unary and streaming. */
  private static final class AuthInterceptor implements ClientInterceptor {
    private final String value;

    AuthInterceptor(String value) {
      this.value = value;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          headers.put(AUTHORIZATION, value);
          super.start(listener, headers);
        }
      };
    }
  }
}
