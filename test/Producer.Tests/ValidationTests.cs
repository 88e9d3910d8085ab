using FsCheck;
using FsCheck.Fluent;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

public class ValidationTests
{
    private static Action Check(params Message[] msgs) => () => ValidationProbe.Check(msgs);

    [Theory]
    [InlineData("", "msg.Topic")]
    [InlineData("has space", "msg.Topic")]
    [InlineData("slash/topic", "msg.Topic")]
    [InlineData("SCHEDULE_TOPIC_XXXX", "msg.Topic")]
    [InlineData("RMQ_SYS_TRANS_HALF_TOPIC", "msg.Topic")]
    public void Bad_topics_are_rejected_naming_the_field(string topic, string field)
        => Check(new Message(topic, [1])).Should().Throw<ArgumentException>().Which.ParamName.Should().Be(field);

    [Fact]
    public void A_topic_longer_than_127_characters_is_rejected()
        => Check(new Message(new string('t', 128), [1])).Should().Throw<ArgumentException>().WithMessage("*127*").Which.ParamName.Should().Be("msg.Topic");

    [Fact]
    public void Empty_and_oversize_bodies_are_rejected()
    {
        Check(new Message("T", [])).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("msg.Body");
        Check(new Message("T", null)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("msg.Body");
        Check(new Message("T", new byte[ProducerOptions.DefaultMaxMessageSize + 1])).Should().Throw<ArgumentException>()
            .WithMessage("*4194304*").Which.ParamName.Should().Be("msg.Body");
        Check(new Message("T", new byte[ProducerOptions.DefaultMaxMessageSize])).Should().NotThrow();
    }

    [Fact]
    public void No_message_or_a_null_one_is_rejected()
    {
        Check().Should().Throw<ArgumentException>().Which.ParamName.Should().Be("msgs");
        FluentActions.Invoking(() => ValidationProbe.Check(null!)).Should().Throw<ArgumentNullException>();
        Check(new Message("T", [1]), null!).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("msgs[1]");
    }

    [Fact]
    public void A_batch_mixing_topics_is_rejected_naming_the_message()
        => Check(new Message("T", [1]), new Message("T", [2]), new Message("U", [3]))
            .Should().Throw<ArgumentException>().WithMessage("*same*").Which.ParamName.Should().Be("msgs[2].Topic");

    [Fact]
    public void A_batch_carrying_delay_is_rejected()
    {
        Check(new Message("T", [1]), new Message("T", [2]).WithDelayTimeLevel(3))
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be("msgs[1].DelayTimeLevel");
        Check(new Message("T", [1]).WithDeliverTimestamp(DateTimeOffset.UtcNow.AddMinutes(1)), new Message("T", [2]))
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be("msgs[0].DelayTimeLevel");
    }

    [Fact]
    public void A_batch_checks_each_message()
        => Check(new Message("T", [1]), new Message("T", []))
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be("msgs[1].Body");

    [Fact]
    public void A_valid_batch_passes()
        => Check(new Message("T", [1]).WithTag("a"), new Message("T", [2]).WithKeys(["k"])).Should().NotThrow();

    [Fact]
    public void Topic_names_from_the_legal_alphabet_pass_and_any_illegal_character_fails()
    {
        const string legal = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-%|";
        var legalNames = Gen.Choose(1, 127).SelectMany(n => Gen.ArrayOf(Gen.Elements(legal.ToCharArray()), n)).Select(c => new string(c));
        Prop.ForAll(legalNames.ToArbitrary(), name =>
        {
            ValidationProbe.Check([new Message(name, [1])]);
            return true;
        }).QuickCheckThrowOnFailure();

        var illegal = Gen.Elements(" /\\.:;,!?@#$^&*()[]{}<>\"'`~+=\té中".ToCharArray());
        var badNames = legalNames.SelectMany(name => Gen.Choose(0, name.Length - 1).SelectMany(i => illegal.Select(c => name.Insert(i, c.ToString()))))
            .Where(n => n.Length <= 127);
        Prop.ForAll(badNames.ToArbitrary(), name =>
        {
            try
            {
                ValidationProbe.Check([new Message(name, [1])]);
                return false;
            }
            catch (ArgumentException e)
            {
                return e.ParamName == "msg.Topic";
            }
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad group")]
    public void An_invalid_group_is_rejected_when_the_producer_is_created(string group)
    {
        // WithGroupName ignores "" (as Go does) and refuses "bad group" itself; set the group on the options object
        // to test the producer's own check.
        var options = ProducerOptions.Build([]);
        options.Client.GroupName = group;

        FluentActions.Invoking(() => DefaultProducer.Create(options, _ => new FakeClient("broker-a"), null))
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be("GroupName");
    }
}

internal static class ValidationProbe
{
    public static void Check(Message[] msgs) => Validation.CheckMessages(msgs, ProducerOptions.DefaultMaxMessageSize);
}
