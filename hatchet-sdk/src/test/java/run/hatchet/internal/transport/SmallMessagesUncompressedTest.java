package run.hatchet.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import run.hatchet.internal.proto.EventsServiceGrpc;
import run.hatchet.internal.proto.PushEventRequest;

class SmallMessagesUncompressedTest {

  /** Records what the interceptor asks of the call. */
  static final class RecordingCall extends ClientCall<PushEventRequest, Object> {
    final List<Boolean> compression = new ArrayList<>();
    final List<PushEventRequest> sent = new ArrayList<>();

    @Override
    public void start(Listener<Object> listener, Metadata headers) {}

    @Override
    public void request(int numMessages) {}

    @Override
    public void cancel(String message, Throwable cause) {}

    @Override
    public void halfClose() {}

    @Override
    public void sendMessage(PushEventRequest message) {
      sent.add(message);
    }

    @Override
    public void setMessageCompression(boolean enabled) {
      compression.add(enabled);
    }
  }

  static final class OneCallChannel extends Channel {
    final RecordingCall call = new RecordingCall();

    @Override
    @SuppressWarnings("unchecked")
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
      return (ClientCall<Q, R>) call;
    }

    @Override
    public String authority() {
      return "test";
    }
  }

  static PushEventRequest event(int payloadBytes) {
    return PushEventRequest.newBuilder().setKey("k").setPayload("a".repeat(payloadBytes)).build();
  }

  @Test
  void onlyMessagesOfAtLeastTheThresholdAreCompressed() {
    OneCallChannel channel = new OneCallChannel();
    ClientCall<PushEventRequest, Object> call = new GrpcTransport.SmallMessagesUncompressed()
        .interceptCall(pushMethod(), CallOptions.DEFAULT.withCompression("gzip"), channel);
    PushEventRequest small = event(100);
    PushEventRequest large = event(GrpcTransport.COMPRESSION_THRESHOLD_BYTES);
    call.sendMessage(small);
    call.sendMessage(large);
    assertThat(small.getSerializedSize()).isLessThan(GrpcTransport.COMPRESSION_THRESHOLD_BYTES);
    assertThat(channel.call.compression).containsExactly(false, true);
    assertThat(channel.call.sent).containsExactly(small, large);
  }

  @Test
  void withoutGzipTheCallIsLeftAlone() {
    OneCallChannel channel = new OneCallChannel();
    ClientCall<PushEventRequest, Object> call = new GrpcTransport.SmallMessagesUncompressed()
        .interceptCall(pushMethod(), CallOptions.DEFAULT, channel);
    call.sendMessage(event(5000));
    assertThat(call).isSameAs(channel.call);
    assertThat(channel.call.compression).isEmpty();
  }

  @SuppressWarnings("unchecked")
  static MethodDescriptor<PushEventRequest, Object> pushMethod() {
    return (MethodDescriptor<PushEventRequest, Object>) (MethodDescriptor<?, ?>) EventsServiceGrpc.getPushMethod();
  }
}
