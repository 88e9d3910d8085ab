using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Go.Port.Broker.Client;
using RocketMQ.Go.Port.Remote;
using RocketMQ.Go.Port.Tests.Support;
using RequestCode = RocketMQ.Go.Port.Internal.RequestCode;

namespace RocketMQ.Go.Port.Tests.Client;

public class ClientManagerTests
{
    private readonly ManualTimeProvider _clock = new();

    private ConsumerManager Consumers() => new(_clock, TimeSpan.FromSeconds(120), NullLogger.Instance);

    private ClientChannelInfo Info(FakeChannel channel, string id) => new(channel, id, LanguageCode.JAVA, 409, _clock.GetUtcNow().ToUnixTimeMilliseconds());

    private static SubscriptionData[] Subs(long version = 1) => [SubscriptionData.Build("T", "TagA || TagB", "TAG", version)];

    [Fact]
    public void A_new_member_makes_every_member_get_notify_consumer_ids_changed()
    {
        var manager = Consumers();
        var first = new FakeChannel("127.0.0.1:1");
        var second = new FakeChannel("127.0.0.1:2");
        manager.Register("g", Info(first, "c1"), "CONSUME_PASSIVELY", "CLUSTERING", "CONSUME_FROM_LAST_OFFSET", Subs(), true);
        first.OneWays.Clear();

        manager.Register("g", Info(second, "c2"), "CONSUME_PASSIVELY", "CLUSTERING", "CONSUME_FROM_LAST_OFFSET", Subs(), true);

        foreach (var channel in new[] { first, second })
        {
            channel.OneWays.Should().ContainSingle();
            channel.OneWays.Single().Code.Should().Be(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED);
            channel.OneWays.Single().GetExtField("consumerGroup").Should().Be("g");
            channel.OneWays.Single().IsOneWay.Should().BeTrue();
        }

        manager.GetGroup("g")!.ClientIds().Should().BeEquivalentTo("c1", "c2");
        manager.GetGroup("g")!.FindSubscription("T")!.CodeSet.Should().BeEquivalentTo(new[] { "TagA".GetHashCodeJava(), "TagB".GetHashCodeJava() });
    }

    [Fact]
    public void A_repeated_heartbeat_does_not_notify()
    {
        var manager = Consumers();
        var channel = new FakeChannel();
        manager.Register("g", Info(channel, "c1"), "CONSUME_PASSIVELY", "CLUSTERING", "CONSUME_FROM_LAST_OFFSET", Subs(), true);
        channel.OneWays.Clear();

        manager.Register("g", Info(channel, "c1"), "CONSUME_PASSIVELY", "CLUSTERING", "CONSUME_FROM_LAST_OFFSET", Subs(), true).Should().BeFalse();
        channel.OneWays.Should().BeEmpty();
    }

    [Fact]
    public void A_silent_client_expires_after_120_seconds_and_the_rest_are_told()
    {
        var manager = Consumers();
        var quiet = new FakeChannel("127.0.0.1:1");
        var alive = new FakeChannel("127.0.0.1:2");
        manager.Register("g", Info(quiet, "quiet"), "CONSUME_PASSIVELY", "CLUSTERING", "CONSUME_FROM_LAST_OFFSET", Subs(), true);
        _clock.Advance(TimeSpan.FromSeconds(100));
        manager.Register("g", Info(alive, "alive"), "CONSUME_PASSIVELY", "CLUSTERING", "CONSUME_FROM_LAST_OFFSET", Subs(), true);
        alive.OneWays.Clear();

        _clock.Advance(TimeSpan.FromSeconds(19));
        manager.ScanNotActiveChannels();
        manager.GetGroup("g")!.ClientIds().Should().HaveCount(2, "119 s of silence is still within the expiry");

        _clock.Advance(TimeSpan.FromSeconds(2));
        manager.ScanNotActiveChannels();

        manager.GetGroup("g")!.ClientIds().Should().Equal("alive");
        quiet.IsActive.Should().BeFalse("the expired connection is closed");
        alive.OneWays.Should().ContainSingle(c => c.Code == RequestCode.NOTIFY_CONSUMER_IDS_CHANGED);
    }

    [Fact]
    public void Closing_the_last_channel_removes_the_group()
    {
        var manager = Consumers();
        var channel = new FakeChannel();
        manager.Register("g", Info(channel, "c1"), "CONSUME_PASSIVELY", "CLUSTERING", "CONSUME_FROM_LAST_OFFSET", Subs(), true);

        manager.ChannelClosed(channel);

        manager.GetGroup("g").Should().BeNull();
    }

    [Fact]
    public void A_newer_subscription_version_replaces_and_dropped_topics_go()
    {
        var group = new ConsumerGroupInfo("g");
        group.UpdateSubscription([SubscriptionData.Build("T", "A", "TAG", 5), SubscriptionData.Build("U", "*", "TAG", 5)]);

        group.UpdateSubscription([SubscriptionData.Build("T", "B", "TAG", 4)]).Should().BeTrue("U was dropped");
        group.FindSubscription("T")!.SubString.Should().Be("A", "an older version does not replace");
        group.UpdateSubscription([SubscriptionData.Build("T", "B", "TAG", 6)]);
        group.FindSubscription("T")!.SubString.Should().Be("B");
        group.FindSubscription("U").Should().BeNull();
    }

    [Fact]
    public void Queue_locks_belong_to_one_client_until_unlocked_or_60_seconds_pass()
    {
        var locks = new RebalanceLockManager(_clock, TimeSpan.FromSeconds(60));
        var q0 = new QueueKey("T", "broker-a", 0);
        var q1 = new QueueKey("T", "broker-a", 1);

        locks.TryLockBatch("g", [q0, q1], "c1").Should().BeEquivalentTo([q0, q1]);
        locks.TryLockBatch("g", [q0, q1], "c2").Should().BeEmpty();
        locks.TryLockBatch("other", [q0], "c2").Should().Equal(q0);

        locks.UnlockBatch("g", [q1], "c1");
        locks.TryLockBatch("g", [q0, q1], "c2").Should().Equal(q1);

        _clock.Advance(TimeSpan.FromSeconds(61));
        locks.TryLockBatch("g", [q0], "c2").Should().BeEquivalentTo([q0], "c1 lock on q0 expired");
        locks.IsLockedBy("g", q0, "c2").Should().BeTrue();
    }

    [Fact]
    public void Subscription_strings_split_on_double_bar_with_java_hash_codes()
    {
        var data = SubscriptionData.Build("T", " TagA ||TagB|| ", "TAG");
        data.TagsSet.Should().BeEquivalentTo("TagA", "TagB");
        SubscriptionData.Build("T", "*", null).CodeSet.Should().BeEmpty();
        FluentActions.Invoking(() => SubscriptionData.Build("T", "a >", "SQL92")).Should().Throw<FormatException>();
    }
}

internal static class JavaHashExtensions
{
    public static int GetHashCodeJava(this string s) => Primitive.JavaHash.StringHashCode(s);
}
