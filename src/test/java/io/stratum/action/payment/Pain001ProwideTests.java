package io.stratum.action.payment;

import com.prowidesoftware.swift.model.mx.MxPain00100109;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import com.prowidesoftware.swift.model.mx.dic.CustomerCreditTransferInitiationV09;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstruction30;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second opinion from a well-kept library: Prowide ISO 20022 (Apache-2.0, test scope only) reads Stratum's
 * pain.001.001.09 into its own model of that message version, and every value arrives where the standard puts it.
 */
class Pain001ProwideTests {

    @Test
    void prowideReadsTheMessageAsPain00100109() {
        String xml = Pain001.write(Pain001Tests.TRANSFER);
        MxPain00100109 mx = MxPain00100109.parse(xml);
        assertThat(mx).isNotNull();
        CustomerCreditTransferInitiationV09 doc = mx.getCstmrCdtTrfInitn();
        assertThat(doc.getGrpHdr().getMsgId()).isEqualTo("S20261126101500-PAY-000001");
        assertThat(doc.getGrpHdr().getNbOfTxs()).isEqualTo("1");
        assertThat(doc.getGrpHdr().getCtrlSum()).isEqualByComparingTo("980.00");
        assertThat(doc.getGrpHdr().getInitgPty().getNm()).isEqualTo("Stratum Demo GmbH");
        assertThat(doc.getPmtInf()).hasSize(1);
        PaymentInstruction30 pmt = doc.getPmtInf().get(0);
        assertThat(pmt.getPmtMtd().value()).isEqualTo("TRF");
        assertThat(pmt.getReqdExctnDt().getDt().toString()).isEqualTo("2026-12-01");
        assertThat(pmt.getDbtrAcct().getId().getIBAN()).isEqualTo("DE89370400440532013000");
        assertThat(pmt.getDbtrAgt().getFinInstnId().getBICFI()).isEqualTo("COBADEFFXXX");
        assertThat(pmt.getChrgBr().value()).isEqualTo("SLEV");
        assertThat(pmt.getCdtTrfTxInf()).hasSize(1);
        CreditTransferTransaction34 tx = pmt.getCdtTrfTxInf().get(0);
        assertThat(tx.getPmtId().getEndToEndId()).isEqualTo("INV-471102");
        assertThat(tx.getAmt().getInstdAmt().getValue()).isEqualByComparingTo("980.00");
        assertThat(tx.getAmt().getInstdAmt().getCcy()).isEqualTo("EUR");
        assertThat(tx.getCdtr().getNm()).isEqualTo("Lieferant GmbH");
        assertThat(tx.getCdtrAcct().getId().getIBAN()).isEqualTo("DE02120300000000202051");
        assertThat(tx.getRmtInf().getUstrd()).containsExactly("Invoice INV-471102");
    }
}
