package dev.tracekit.clinic;

import dev.tracekit.clinic.ClinicApplication.OwnerController;
import dev.tracekit.clinic.ClinicApplication.OwnerRepository;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A slice test with a mocked repository, as PetClinic's controller tests are: a context of its own. */
@WebMvcTest(OwnerController.class)
@Order(2)
class OwnerControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	OwnerRepository owners;

	@Test
	void showsTheOwnerTheRepositoryFinds() throws Exception {
		given(this.owners.findById(7)).willReturn(java.util.Optional.of("Jean Coleman"));
		this.mvc.perform(get("/owners/7")).andExpect(status().isOk()).andExpect(content().string("Jean Coleman"));
	}

}
