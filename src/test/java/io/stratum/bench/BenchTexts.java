package io.stratum.bench;

import java.util.List;

/** A small pool of realistic inquiries written for the benchmarks. */
final class BenchTexts {

    private BenchTexts() {
    }

    static List<String> inquiries() {
        return List.of(
                "I was charged twice for my last invoice, please refund the duplicate payment.",
                "The app crashes every time I try to upload a photo since the last update.",
                "How do I change the e-mail address on my account? I no longer use the old one.",
                "My parcel has not arrived, the tracking page shows no update for five days.",
                "I would like to return the jacket I bought last week, it is the wrong size.",
                "Do you have opening hours over the holidays?",
                "URGENT: our whole team cannot log in since this morning, production is down!",
                "Can you send me a copy of the invoice for order 88321 with our VAT number on it?",
                "The password reset link in your mail does not work, it says the token expired.",
                "The delivery address on my order is wrong, can you still change it before shipping?",
                "I received a damaged blender, the glass jug is cracked. How do I get a replacement?",
                "Our API integration returns error 500 for every request since your maintenance window.",
                "Please cancel my subscription at the end of this month and confirm by mail.",
                "Where can I find the user manual for the X200 model?",
                "My refund for the returned shoes still has not shown up on my card after two weeks.",
                "We are being billed for 50 seats but only have 30 users, please correct the bill.");
    }
}
