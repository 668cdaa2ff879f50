using System;
using FlowGen.Runtime;

namespace FlowGen.SampleApp;

/// <summary>The bookstore's price rules, called from flows/reviews-and-quotes.flow.json through a csharp node.</summary>
public static class Pricing
{
    /// <summary>
    /// A quote for <paramref name="quantity"/> copies of a book: the list price by the book's age, 10% off from ten
    /// copies, and the coupon "READER" for another 5%. Amounts are in cents, so they add up exactly.
    /// </summary>
    public static JsObject Quote(JsObject book, double quantity, string? coupon)
    {
        ArgumentNullException.ThrowIfNull(book);
        if (quantity < 1 || quantity > 1000 || Math.Floor(quantity) != quantity)
        {
            throw new ArgumentException("quantity must be a whole number from 1 to 1000");
        }
        var year = Js.ToNumber(book["year"]);
        var unitCents = year < 1970 ? 899 : 1299;
        var copies = (long)quantity;
        var percentOff = (copies >= 10 ? 10 : 0) + (string.Equals(coupon, "READER", StringComparison.OrdinalIgnoreCase) ? 5 : 0);
        var gross = unitCents * copies;
        var discount = gross * percentOff / 100;
        return new JsObject
        {
            ["bookId"] = book["id"],
            ["title"] = book["title"],
            ["quantity"] = (double)copies,
            ["unitPrice"] = unitCents / 100d,
            ["percentOff"] = (double)percentOff,
            ["total"] = (gross - discount) / 100d,
        };
    }
}
