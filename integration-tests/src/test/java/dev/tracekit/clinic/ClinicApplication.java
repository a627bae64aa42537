package dev.tracekit.clinic;

import java.util.Map;
import java.util.Optional;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small application in the shape of Spring PetClinic: a controller over a repository. Its tests
 * ({@link ClinicSuite}) never mention tracing, so the same suite runs with and without tracekit.
 */
@SpringBootApplication
public class ClinicApplication {

	@Repository
	public static class OwnerRepository {

		private final Map<Integer, String> owners = Map.of(1, "George Franklin", 2, "Betty Davis");

		public Optional<String> findById(int id) {
			return Optional.ofNullable(this.owners.get(id));
		}

	}

	@RestController
	public static class OwnerController {

		private final OwnerRepository owners;

		OwnerController(OwnerRepository owners) {
			this.owners = owners;
		}

		@GetMapping("/owners/{id}")
		ResponseEntity<String> owner(@PathVariable int id) {
			return ResponseEntity.of(this.owners.findById(id));
		}

	}

}
