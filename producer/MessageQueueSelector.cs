using System.Globalization;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Producer;

/// <summary>
/// Chooses the queue of one send from an argument given with that send (Java: <c>MessageQueueSelector.select(mqs,
/// msg, arg)</c>, used by <c>send(msg, selector, arg)</c>), typically an order id so one order's messages keep their
/// order in one queue. Gets the topic's queues and the message with the topic the caller named (no namespace).
/// </summary>
/// <param name="queues">The topic's queues, never empty.</param>
/// <param name="message">The message being sent.</param>
/// <param name="arg">The argument passed with the send.</param>
/// <returns>The queue to send to; null fails the send.</returns>
public delegate MessageQueue? MessageQueueSelector(IReadOnlyList<MessageQueue> queues, Message message, object? arg);

/// <summary>Java's built-in selectors (<c>SelectMessageQueueByHash</c>, <c>SelectMessageQueueByRandom</c>).</summary>
public static class MessageQueueSelectors
{
    /// <summary>
    /// The queue at <c>|hashCode(arg) % count|</c> with Java's <c>hashCode</c> (Java: <c>SelectMessageQueueByHash</c>),
    /// so a Java and a .NET producer put one key's messages in the same queue. The argument is a string, a boolean,
    /// a char or an integer type (their Java hash codes are defined); anything else is refused, since a .NET hash
    /// code changes from process to process and would scatter a key's messages.
    /// </summary>
    public static MessageQueueSelector ByHash { get; } = (queues, _, arg) =>
    {
        var value = JavaHashCode(arg) % queues.Count;
        return queues[value < 0 ? -value : value];
    };

    /// <summary>A random queue (Java: <c>SelectMessageQueueByRandom</c>); the argument is not used.</summary>
    public static MessageQueueSelector ByRandom { get; } = (queues, _, _) => queues[Random.Shared.Next(queues.Count)];

    /// <summary>Java's <c>Object.hashCode()</c> of the boxed argument for the types whose hash Java defines by value.</summary>
    /// <exception cref="ArgumentException">Null, or a type without a defined Java hash code.</exception>
    public static int JavaHashCode(object? arg) => arg switch
    {
        string s => StringHash(s),
        int i => i,
        short s => s,
        sbyte b => b,
        byte b => (sbyte)b,
        char c => c,
        long l => unchecked((int)(l ^ (long)((ulong)l >> 32))),
        bool b => b ? 1231 : 1237,
        null => throw new ArgumentException("the selector argument of a hash send must not be null (Java throws a NullPointerException)", nameof(arg)),
        _ => throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"the selector argument of a hash send must be a string, boolean, char or integer (Java's hashCode is defined for them), got {arg.GetType().FullName}"),
            nameof(arg)),
    };

    // java.lang.String.hashCode: s[0]*31^(n-1) + ... + s[n-1] over UTF-16 code units, wrapping.
    private static int StringHash(string s)
    {
        var h = 0;
        foreach (var c in s)
        {
            h = unchecked((31 * h) + c);
        }

        return h;
    }
}
